package vn.hanoi.lgsp.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.camunda.bpm.engine.ManagementService;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.identity.KeycloakSettings;
import vn.hanoi.lgsp.notification.Mailer;

/** The platform's own dependencies, checked by {@code GET /api/v1/status/services}. */
@Configuration(proxyBeanMethods = false)
class ComponentChecks {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Bean
    ComponentCheck postgresqlCheck(JdbcTemplate jdbc) {
        return check("postgresql", () -> jdbc.queryForObject("select 1", Integer.class));
    }

    @Bean
    ComponentCheck elasticsearchCheck(RestClient elasticsearch) {
        return check("elasticsearch", () -> {
            Request health = new Request("GET", "/_cluster/health");
            health.addParameter("timeout", "2s");
            var response = elasticsearch.performRequest(health);
            String body = new String(response.getEntity().getContent().readAllBytes());
            if (body.contains("\"status\":\"red\"")) {
                throw new IllegalStateException("cluster status red");
            }
        });
    }

    @Bean
    ComponentCheck keycloakCheck(KeycloakSettings keycloak) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/.well-known/openid-configuration"))
                .timeout(TIMEOUT).GET().build();
        return check("keycloak", () -> {
            int status = http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("realm discovery answered HTTP " + status);
            }
        });
    }

    @Bean
    ComponentCheck smtpCheck(Mailer mail) {
        return check("smtp", mail::checkConnection);
    }

    @Bean
    ComponentCheck engineCheck(ManagementService management) {
        return check("process-engine", management::getProperties);
    }

    private interface Probe {
        void run() throws Exception;
    }

    private static ComponentCheck check(String name, Probe probe) {
        return new ComponentCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check() throws Exception {
                probe.run();
            }
        };
    }
}
