package vn.hanoi.lgsp.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-18, R-04 (Đ12, Đ7.4): operators' metrics on {@code /actuator/prometheus} for the monitoring system's own
 * client (role {@code metrics-reader}) or a DOST operator, no one else; transactions counted by
 * kind and outcome when recorded, gateway latency, outbox lag, the engine's backlog and polling lag.
 */
class OperatorsMetricsTest extends PlatformTest {

    @Autowired
    TransactionLog transactions;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @Test
    void onlyTheMetricsClientAndDostOperatorsReadThem() {
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", keycloak.staffToken("supervisor")).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM)).status()).isEqualTo(403);
        String metrics = keycloak.clientToken("lgsp-metrics", "lgsp-metrics-dev-secret");
        assertThat(api.postJson("/actuator/prometheus", metrics, java.util.Map.of()).status()).isIn(403, 405);
        assertThat(api.get("/actuator/prometheus", keycloak.operatorToken()).status()).isEqualTo(200);
        // the other actuator endpoints and the API stay closed to the metrics client
        assertThat(api.get("/actuator/info", metrics).status()).isNotEqualTo(200);
        assertThat(api.get("/api/v1/categories", metrics).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/monitoring/overview", metrics).status()).isEqualTo(403);
    }

    @Test
    void transactionsAndGatewayCallsAreCountedAndTheBacklogsAreShown() {
        String metrics = keycloak.clientToken("lgsp-metrics", "lgsp-metrics-dev-secret");
        String before = scrape(api, metrics);

        List<TransactionDocument> documents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            documents.add(new TransactionDocument(UUID.randomUUID().toString(), Instant.now(), "gateway-call", "GET", "/x",
                    "000.00.61.H26", "000.00.13.H26", "metrics-test", "v1", null, null, null, "00", null, 200, 120L, 0L,
                    10L, "production", 100L, null, null));
        }
        transaction.executeWithoutResult(s -> transactions.recordAll(documents));
        String after = scrape(api, metrics);

        assertThat(value(after, "lgsp_transactions_total", "code=\"00\"", "kind=\"gateway-call\"")
                - value(before, "lgsp_transactions_total", "code=\"00\"", "kind=\"gateway-call\"")).isEqualTo(3.0);
        assertThat(value(after, "lgsp_gateway_duration_seconds_count", "code=\"00\"")
                - value(before, "lgsp_gateway_duration_seconds_count", "code=\"00\"")).isEqualTo(3.0);
        for (String gauge : List.of("lgsp_outbox_documents", "lgsp_outbox_lag_seconds", "lgsp_jobs_executable",
                "lgsp_jobs_failed", "lgsp_external_tasks_waiting", "lgsp_poller_lag_seconds")) {
            assertThat(value(after, gauge)).as(gauge).isNotNaN().isGreaterThanOrEqualTo(0.0);
        }
    }

    private static String scrape(Api api, String token) {
        Api.Reply reply = api.get("/actuator/prometheus", token);
        assertThat(reply.status()).isEqualTo(200);
        return reply.raw().body();
    }

    /** The sample of {@code metric} whose labels contain each of {@code labels}; 0 when absent. */
    private static double value(String exposition, String metric, String... labels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
