package vn.hanoi.lgsp.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-05 (Đ7.5): the workers role starts alone from the same artifact — no engine, no database, no
 * web server, no poller, no shipper — and does the workers' job over HTTP: with the platform's
 * own workers paused, a record is delivered by the workers process alone.
 */
class WorkersRoleAloneTest extends PlatformTest {

    @Value("${lgsp.workers.client-secret}")
    String workersSecret;
    @Value("${lgsp.workers.outbound-client-secret}")
    String outboundSecret;
    @Autowired
    WorkerRuntime platformWorkers;

    @Test
    void theWorkersRoleRunsNothingButWorkersAndDeliversOnItsOwn() {
        ConfigurableApplicationContext workers = WorkerApplication.create().run(
                "--lgsp.roles=workers",
                "--lgsp.keycloak.url=" + keycloakUrl,
                "--lgsp.workers.engine-rest-url=" + baseUrl() + "/engine-rest",
                "--lgsp.workers.platform-url=" + baseUrl(),
                "--lgsp.workers.client-secret=" + workersSecret,
                "--lgsp.workers.outbound-client-secret=" + outboundSecret);
        try {
            assertThat(workers).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(workers.getBeansOfType(WorkerRuntime.class)).hasSize(1);
            String[] beans = workers.getBeanDefinitionNames();
            for (String absent : new String[] {"processEngine", "dataSource", "jdbcTemplate", "flyway", "connectionPoller",
                    "outboxShipper", "auditJournal", "elasticsearch", "securityFilterChain", "dispatcherServlet"}) {
                assertThat(Arrays.stream(beans).map(String::toLowerCase)).as("no " + absent + " in the workers process")
                        .noneMatch(b -> b.contains(absent.toLowerCase()));
            }
            assertThat(workers.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();

            // the platform's own workers pause: only the workers process can deliver now
            platformWorkers.stop();
            String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
            byte[] content = ("Hồ sơ do tiến trình workers riêng chuyển " + UUID.randomUUID())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.util.Map<String, Object> record = java.util.Map.of("procedureCode", "1.000001.000.00.13.H26",
                    "destination", "000.00.61.H26", "payload", java.util.Map.of("contentType", "text/plain",
                            "content", java.util.Base64.getEncoder().encodeToString(content),
                            "sha256", java.util.HexFormat.of().formatHex(sha256(content))));
            Api.Reply accepted = api.post("/api/v1/exchanges", justice, record, "key-" + UUID.randomUUID());
            assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
            String id = accepted.body().path("exchangeId").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> "COMPLETED".equals(
                    api.get("/api/v1/exchanges/" + id, justice).body().path("exchange").path("status").asText()));
        } finally {
            workers.close();
            platformWorkers.start();
        }
        assertThat(platformWorkers.isRunning()).isTrue();
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
