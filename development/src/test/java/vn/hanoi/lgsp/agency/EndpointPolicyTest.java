package vn.hanoi.lgsp.agency;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import vn.hanoi.lgsp.platform.KeycloakRealm;
import vn.hanoi.lgsp.contract.ApiException;

/** The SSRF found in review: an agency system re-pointed at the platform's own Elasticsearch. */
class EndpointPolicyTest {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("server.port", "8080")
            .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:15432/lgsp")
            .withProperty("spring.elasticsearch.uris", "http://127.0.0.1:19200")
            .withProperty("lgsp.keycloak.url", "http://127.0.0.1:18080")
            .withProperty("spring.mail.port", "3025");

    private final EndpointPolicy production = new EndpointPolicy(new EndpointPolicy.Settings(false, false),
            KeycloakRealm.of(environment), environment);
    private final EndpointPolicy development = new EndpointPolicy(new EndpointPolicy.Settings(true, true),
            KeycloakRealm.of(environment), environment);

    @Test
    void refusesLoopbackMetadataAndUnspecifiedAddressesInProduction() {
        for (String url : new String[] {"http://127.0.0.1:9000/x", "http://localhost/status", "http://[::1]:80/",
                "http://169.254.169.254/latest/meta-data", "http://0.0.0.0:8080/", "http://[fe80::1]/",
                "http://224.0.0.1/"}) {
            assertThatThrownBy(() -> production.check("baseUrl", url)).as(url).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void refusesThePlatformsOwnServersEvenWhereLoopbackIsAllowed() {
        for (String url : new String[] {"http://127.0.0.1:19200/_cat/indices", "http://127.0.0.1:15432",
                "http://localhost:18080/admin", "http://127.0.0.1:8080/api/v1", "http://127.0.0.1:3025"}) {
            assertThatThrownBy(() -> development.check("baseUrl", url)).as(url).isInstanceOf(ApiException.class)
                    .hasMessageContaining("of the LGSP itself");
        }
        assertThatCode(() -> development.check("baseUrl", "http://127.0.0.1:41234")).doesNotThrowAnyException();
    }

    @Test
    void refusesThePlatformsOwnServersOnOtherHostsToo() {
        MockEnvironment remote = new MockEnvironment().withProperty("spring.elasticsearch.uris", "http://10.20.30.40:9200");
        EndpointPolicy policy = new EndpointPolicy(new EndpointPolicy.Settings(false, false), KeycloakRealm.of(remote), remote);

        assertThatThrownBy(() -> policy.check("baseUrl", "https://10.20.30.40:9200/lgsp-transactions-*/_search"))
                .hasMessageContaining("Elasticsearch");
        assertThatCode(() -> policy.check("baseUrl", "https://10.20.30.40:8443/api")).doesNotThrowAnyException();
    }

    /** App1 §2.1: agency systems and providers are reached over TLS in production; plain http only in development. */
    @Test
    void productionTakesHttpsOnly() {
        assertThatThrownBy(() -> production.check("baseUrl", "http://hotich.sotuphap.hanoi.gov.vn/api/v1"))
                .isInstanceOf(ApiException.class).hasMessageContaining("https://");
        assertThatCode(() -> production.check("baseUrl", "https://hotich.sotuphap.hanoi.gov.vn/api/v1"))
                .doesNotThrowAnyException();
        assertThatCode(() -> development.check("baseUrl", "http://hotich.sotuphap.hanoi.gov.vn/api/v1"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesOtherSchemesAndCredentialsInTheUrl() {
        assertThatThrownBy(() -> production.check("baseUrl", "file:///etc/passwd")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> production.check("baseUrl", "gopher://10.0.0.1/")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> production.check("baseUrl", "https://user:pass@hotich.example/"))
                .isInstanceOf(ApiException.class);
        assertThatCode(() -> production.check("baseUrl", "https://hotich.sotuphap.hanoi.gov.vn/api/v1"))
                .doesNotThrowAnyException();
    }
}
