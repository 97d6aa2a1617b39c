package vn.hanoi.lgsp.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;
import vn.hanoi.lgsp.LgspApplication;

/**
 * R-24, R-25 (App1 §2.2, Đ5): a start without the development profile is a production installation — no
 * development servers, simulators or demo data, and no published demo secret accepted.
 */
class SafeByDefaultTest {

    @Test
    void aStartWithoutTheDevProfileStartsNothingAndSaysWhatToConfigure() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(LgspApplication.class)
                .run("--spring.profiles.active=production", "--server.port=0"))
                .hasStackTraceContaining("will not start as a production installation")
                .hasStackTraceContaining("spring.datasource.url is not configured")
                .hasStackTraceContaining("lgsp.audit.signing-key-file is not configured")
                .hasStackTraceContaining("'dev' profile");
    }

    @Test
    void publishedDemoSecretsAndDemoSettingsAreRefused() throws Exception {
        MockEnvironment demo = configured();
        demo.setProperty("lgsp.workers.client-secret", "lgsp-workers-dev-secret");
        demo.setProperty("lgsp.gateway.client-secret", "Sokhcn#Demo2025");
        demo.setProperty("lgsp.roles", "engine,workers,simulators");
        demo.setProperty("lgsp.endpoints.allow-loopback", "true");
        demo.setProperty("lgsp.flyway.locations", "classpath:db/migration,classpath:db/demo");
        List<String> problems = ProductionSettingsCheck.problems(demo);
        assertThat(problems).anyMatch(p -> p.startsWith("lgsp.workers.client-secret is a published demo secret"))
                .anyMatch(p -> p.startsWith("lgsp.gateway.client-secret is a published demo secret"))
                .anyMatch(p -> p.contains("simulators"))
                .anyMatch(p -> p.contains("allow-loopback"))
                .anyMatch(p -> p.contains("db/demo"));
        // every client secret of the development realms counts as published: the list the platform ships
        // with is complete against the realm files, which stay in the development tooling
        assertThat(ProductionSettingsCheck.demoSecrets()).contains("Sotuphap#Demo2025", "lgsp-platform-dev-secret",
                "lgsp-portal-dev-secret").containsAll(developmentRealmSecrets());

        assertThat(ProductionSettingsCheck.problems(configured())).isEmpty();

        MockEnvironment vneid = configured();
        vneid.setProperty("lgsp.citizens.vneid.issuer", "https://vneid.example.gov.vn");
        vneid.setProperty("lgsp.citizens.vneid.client-secret", "Vneid-Client#2025");
        assertThat(ProductionSettingsCheck.problems(vneid)).anyMatch(p -> p.startsWith("lgsp.citizens.vneid.client-secret"));
    }

    /** App1 §2.1: every connection of a production installation is encrypted. */
    @Test
    void plainTransportIsRefusedInProduction() {
        MockEnvironment plain = configured();
        plain.setProperty("spring.datasource.url", "jdbc:postgresql://db.lgsp.internal/lgsp");
        plain.setProperty("spring.elasticsearch.uris", "https://es1.lgsp.internal:9200,http://es2.lgsp.internal:9200");
        plain.setProperty("lgsp.keycloak.url", "http://sso.lgsp.internal");
        plain.setProperty("lgsp.national.ndxp.url", "http://ndxp.gov.vn");
        plain.setProperty("lgsp.endpoints.allow-plain-http", "true");
        assertThat(ProductionSettingsCheck.problems(plain))
                .anyMatch(p -> p.startsWith("spring.datasource.url does not say sslmode=verify-full"))
                .anyMatch(p -> p.startsWith("spring.elasticsearch.uris is http://es2.lgsp.internal:9200"))
                .anyMatch(p -> p.startsWith("lgsp.keycloak.url is http://"))
                .anyMatch(p -> p.startsWith("lgsp.national.ndxp.url is http://"))
                .anyMatch(p -> p.startsWith("lgsp.endpoints.allow-plain-http is true"))
                .noneMatch(p -> p.contains("es1"));
        MockEnvironment workers = new MockEnvironment().withProperty("lgsp.roles", "workers")
                .withProperty("lgsp.keycloak.url", "https://sso.lgsp.internal")
                .withProperty("lgsp.workers.engine-rest-url", "http://engine.lgsp.internal/engine-rest")
                .withProperty("lgsp.workers.platform-url", "https://engine.lgsp.internal")
                .withProperty("lgsp.workers.client-secret", "w1").withProperty("lgsp.workers.outbound-client-secret", "w2");
        assertThat(ProductionSettingsCheck.problems(workers))
                .containsExactly("lgsp.workers.engine-rest-url is http://engine.lgsp.internal/engine-rest: production reaches"
                        + " it over https only");
    }

    @Test
    void aWorkersProcessNeedsOnlyKeycloakItsSecretsAndWhereTheOthersAre() {
        MockEnvironment workers = new MockEnvironment().withProperty("lgsp.roles", "workers");
        assertThat(ProductionSettingsCheck.problems(workers))
                .anyMatch(p -> p.startsWith("lgsp.workers.engine-rest-url is not configured"))
                .anyMatch(p -> p.startsWith("lgsp.workers.client-secret is not configured"))
                .noneMatch(p -> p.startsWith("spring.datasource.url"));
        workers.withProperty("lgsp.keycloak.url", "https://sso.lgsp.internal")
                .withProperty("lgsp.workers.engine-rest-url", "https://engine.lgsp.internal/engine-rest")
                .withProperty("lgsp.workers.platform-url", "https://engine.lgsp.internal")
                .withProperty("lgsp.workers.client-secret", "lgsp-workers-dev-secret")
                .withProperty("lgsp.workers.outbound-client-secret", "a-real-one");
        assertThat(ProductionSettingsCheck.problems(workers))
                .containsExactly("lgsp.workers.client-secret is a published demo secret; configure one of your own");
    }

    @Test
    void theProductionRealmTemplateHasNoUsersNoSecretsAndNoPasswordGrant() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(Path.of("deploy/keycloak/lgsp-realm-production.json").toFile());
        JsonNode development = new ObjectMapper().readTree(
                getClass().getResourceAsStream("/keycloak/lgsp-realm.json"));
        List<String> people = new ArrayList<>();
        realm.path("users").forEach(u -> {
            if (!u.hasNonNull("serviceAccountClientId")) {
                people.add(u.path("username").asText());
            }
            assertThat(u.has("credentials")).isFalse();
        });
        assertThat(people).isEmpty();
        realm.path("clients").forEach(c -> {
            assertThat(c.has("secret")).as(c.path("clientId").asText() + " has a secret").isFalse();
            assertThat(c.path("directAccessGrantsEnabled").asBoolean()).as(c.path("clientId").asText()).isFalse();
            assertThat(c.path("clientId").asText()).doesNotEndWith("-system").isNotEqualTo("lgsp-cli");
            assertThat(c.path("redirectUris").toString()).doesNotContain("127.0.0.1").doesNotContain("localhost");
        });
        assertThat(realm.path("sslRequired").asText()).isEqualTo("all");
        // what production needs of the development realm is all there
        assertThat(realm.path("passwordPolicy")).isEqualTo(development.path("passwordPolicy"));
        assertThat(realm.path("roles")).isEqualTo(development.path("roles"));
        assertThat(realm.path("groups")).isEqualTo(development.path("groups"));

        // the citizens' realm: no secret, nothing on loopback, TLS everywhere
        JsonNode citizens = new ObjectMapper().readTree(Path.of("deploy/keycloak/congdan-realm-production.json").toFile());
        assertThat(citizens.path("sslRequired").asText()).isEqualTo("all");
        citizens.path("clients").forEach(c -> {
            assertThat(c.has("secret")).as(c.path("clientId").asText() + " has a secret").isFalse();
            assertThat(c.path("redirectUris").toString()).doesNotContain("127.0.0.1").doesNotContain("localhost");
        });
        assertThat(citizens.path("users").toString()).doesNotContain("credentials");
    }

    private static List<String> developmentRealmSecrets() throws java.io.IOException {
        List<String> secrets = new ArrayList<>();
        for (String realm : List.of("/keycloak/lgsp-realm.json", "/keycloak/congdan-realm.json")) {
            try (java.io.InputStream in = SafeByDefaultTest.class.getResourceAsStream(realm)) {
                assertThat(in).as(realm).isNotNull();
                new ObjectMapper().readTree(in).path("clients").forEach(client -> {
                    if (client.path("secret").isTextual()) {
                        secrets.add(client.path("secret").asText());
                    }
                });
            }
        }
        assertThat(secrets).hasSizeGreaterThan(5);
        return secrets;
    }

    private static MockEnvironment configured() {
        MockEnvironment environment = new MockEnvironment();
        Map.of("spring.datasource.url",
                "jdbc:postgresql://db.lgsp.internal/lgsp?sslmode=verify-full&sslrootcert=/etc/lgsp/pki/city-ca.pem",
                "spring.elasticsearch.uris", "https://es.lgsp.internal:9200",
                "lgsp.keycloak.url", "https://sso.lgsp.internal",
                "spring.mail.host", "mail.lgsp.internal",
                "spring.datasource.password", "a-real-database-password",
                "lgsp.keycloak.platform-client-secret", "k1", "lgsp.workers.client-secret", "k2",
                "lgsp.workers.outbound-client-secret", "k3", "lgsp.gateway.client-secret", "k4",
                "lgsp.gateway.subject-hash-key", "a-real-hash-key-of-at-least-32-characters")
                .forEach(environment::setProperty);
        environment.setProperty("lgsp.citizens.client-secret", "k5");
        environment.setProperty("lgsp.citizens.admin-client-secret", "k6");
        environment.setProperty("lgsp.exchange.master-key-file", "/run/secrets/record-master-key");
        environment.setProperty("lgsp.audit.signing-key-file", "/run/secrets/journal-signing-key");
        return environment;
    }
}
