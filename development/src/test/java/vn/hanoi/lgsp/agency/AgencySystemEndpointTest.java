package vn.hanoi.lgsp.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** A connected system cannot be pointed at the LGSP's own servers (the SSRF of the security review). */
class AgencySystemEndpointTest extends PlatformTest {

    @Value("${spring.elasticsearch.uris}")
    String elasticsearch;

    @Test
    void noAgencySystemCredentialCanRepointASystem() {
        // the Department of Science and Technology's own system is an agency system, not a DOST operator
        String dostSystem = keycloak.clientToken(Keycloak.DOST_SYSTEM);

        Api.Reply reply = api.put("/api/v1/agencies/000.00.61.H26/system", dostSystem,
                Map.of("baseUrl", "https://evil.example/", "pollIntervalSeconds", 10));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error()).isEqualTo("FORBIDDEN");
    }

    @Test
    void refusesASystemEndpointOnThePlatformsOwnElasticsearch() {
        String dost = keycloak.operatorToken();
        assertThat(api.get("/api/v1/agencies/000.00.62.H26/system", dost).status()).as("no system yet").isEqualTo(404);

        Api.Reply reply = api.put("/api/v1/agencies/000.00.62.H26/system", dost,
                Map.of("baseUrl", elasticsearch + "/_cat", "pollIntervalSeconds", 10));
        Api.Reply metadata = api.put("/api/v1/agencies/000.00.62.H26/system", dost,
                Map.of("baseUrl", "http://169.254.169.254/latest", "pollIntervalSeconds", 10));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.message()).contains("Elasticsearch");
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/agencies/000.00.62.H26/system", dost).status()).as("nothing was registered")
                .isEqualTo(404);
    }
}
