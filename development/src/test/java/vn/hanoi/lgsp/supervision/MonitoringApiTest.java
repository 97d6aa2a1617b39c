package vn.hanoi.lgsp.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.monitoring.TransactionLog;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-20, Đ12.1: the dashboards' figures are Elasticsearch's counts of what was recorded, and
 * each caller sees only what it may: supervisors every agency, an agency's staff their own,
 * agency systems nothing; forged tokens, other agencies' data and hostile filters are refused.
 */
class MonitoringApiTest extends PlatformTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";

    @Autowired
    TransactionLog transactions;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @Test
    void theOverviewCountsExactlyWhatWasRecordedForAnAgencyAndEachFigureListsItsTransactions() {
        String agency = MonitoringSeed.uniqueAgency();
        transaction.executeWithoutResult(s -> transactions.recordAll(MonitoringSeed.documents(agency)));
        String supervisor = keycloak.staffToken("supervisor");

        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/monitoring/overview?agency=" + agency, supervisor)
                .body().path("transactions").path("total").asLong() == MonitoringSeed.TOTAL);
        JsonNode figures = api.get("/api/v1/monitoring/overview?period=today&agency=" + agency, supervisor).body();
        assertThat(figures.path("code").asText()).isEqualTo("00");
        assertThat(figures.path("agency").asText()).isEqualTo(agency);
        JsonNode t = figures.path("transactions");
        assertThat(t.path("succeeded").asLong()).isEqualTo(MonitoringSeed.SUCCEEDED);
        assertThat(t.path("failed").asLong()).isEqualTo(MonitoringSeed.FAILED);
        assertThat(t.path("successRate").asDouble()).isEqualTo((double) MonitoringSeed.SUCCEEDED / MonitoringSeed.TOTAL);
        assertThat(t.path("p50Ms").asDouble()).isBetween(10.0, 400.0);
        assertThat(t.path("p95Ms").asDouble()).isGreaterThanOrEqualTo(t.path("p50Ms").asDouble());
        assertThat(t.path("byAgency").findValuesAsText("key")).containsExactly(agency);
        assertThat(t.path("byAgency").get(0).path("failed").asLong()).isEqualTo(MonitoringSeed.FAILED);
        assertThat(t.path("gatewayByService").get(0).path("key").asText()).isEqualTo(MonitoringSeed.SERVICE);
        assertThat(t.path("gatewayByService").get(0).path("total").asLong()).isEqualTo(MonitoringSeed.GATEWAY_CALLS);
        assertThat(t.path("topErrors").get(0).path("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(t.path("topErrors").get(0).path("count").asLong()).isEqualTo(2);

        // the lists behind the figures
        JsonNode failed = api.get("/api/v1/monitoring/transactions?agency=" + agency + "&code=01", supervisor).body();
        assertThat(failed.path("transactions")).hasSize((int) MonitoringSeed.FAILED);
        assertThat(failed.path("transactions").findValuesAsText("code")).containsOnly("01");
        JsonNode calls = api.get("/api/v1/monitoring/transactions?kind=gateway-call&source=" + agency, supervisor).body();
        assertThat(calls.path("transactions")).hasSize((int) MonitoringSeed.GATEWAY_CALLS);
        JsonNode timeouts = api.get("/api/v1/monitoring/transactions?agency=" + agency + "&error=UPSTREAM_TIMEOUT",
                supervisor).body();
        assertThat(timeouts.path("transactions")).hasSize(1);
    }

    @Test
    void anAgencysStaffSeeOnlyTheirAgencyAndAreRefusedAnotherOnesFigures() {
        String staff = keycloak.staffToken("staff.stp");

        Api.Reply own = api.get("/api/v1/monitoring/overview", staff);
        assertThat(own.status()).as(own.body().toString()).isEqualTo(200);
        assertThat(own.body().path("agency").asText()).isEqualTo(JUSTICE);
        Api.Reply systems = api.get("/api/v1/monitoring/systems", staff);
        assertThat(systems.status()).isEqualTo(200);
        assertThat(systems.body().path("systems").findValuesAsText("agencyCode")).isNotEmpty().containsOnly(JUSTICE);

        for (String path : List.of("/api/v1/monitoring/overview?agency=" + WARD, "/api/v1/monitoring/systems?agency=" + WARD,
                "/api/v1/monitoring/transactions?agency=" + WARD, "/api/v1/monitoring/exchanges?agency=" + WARD)) {
            Api.Reply other = api.get(path, staff);
            assertThat(other.status()).as(path).isEqualTo(403);
            assertThat(other.code()).isEqualTo("01");
            assertThat(other.error()).isEqualTo("FORBIDDEN");
        }
        // the list without a filter is narrowed too: no transaction of the staff's answer leaves their agency
        JsonNode list = api.get("/api/v1/monitoring/transactions?period=30d&limit=100", staff).body();
        for (JsonNode document : list.path("transactions")) {
            assertThat(List.of(document.path("sourceAgency").asText(), document.path("destinationAgency").asText()))
                    .contains(JUSTICE);
        }
    }

    @Test
    void anotherAgencysExchangeIsUnknownToTheStaffAndOpenToTheSupervisor() {
        String ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD));
        byte[] content = ("Đơn đề nghị " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        // the ward sends to DOST: the justice department's staff are neither side
        Api.Reply submitted = api.post("/api/v1/exchanges", ward, Map.of("procedureCode", "1.000001.000.00.13.H26",
                "destination", "000.00.12.H26", "payload", Map.of("contentType", "text/plain",
                        "content", Base64.getEncoder().encodeToString(content), "sha256", sha256(content))),
                "key-" + UUID.randomUUID());
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String id = submitted.body().path("exchangeId").asText();

        String supervisor = keycloak.staffToken("supervisor");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/monitoring/exchanges/" + id, supervisor)
                .body().path("documents").size() > 0);
        JsonNode detail = api.get("/api/v1/monitoring/exchanges/" + id, supervisor).body();
        assertThat(detail.path("exchange").path("source").asText()).isEqualTo(WARD);
        assertThat(detail.path("exchange").path("processInstanceId").asText()).isNotBlank();
        assertThat(detail.path("timeline").findValuesAsText("status")).contains("ACCEPTED");
        assertThat(detail.path("documents").findValuesAsText("exchangeId")).containsOnly(id);
        // metadata only: the content never reaches a dashboard
        assertThat(detail.toString()).doesNotContain(Base64.getEncoder().encodeToString(content))
                .doesNotContain(new String(content, StandardCharsets.UTF_8));

        Api.Reply staff = api.get("/api/v1/monitoring/exchanges/" + id, keycloak.staffToken("staff.stp"));
        assertThat(staff.status()).isEqualTo(404);
        assertThat(staff.error()).isEqualTo("NOT_FOUND");
    }

    @Test
    void agencySystemsForgedTokensAndCallersWithoutASessionAreRefused() {
        Api.Reply system = api.get("/api/v1/monitoring/overview", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM));
        assertThat(system.status()).isEqualTo(403);
        assertThat(system.error()).isEqualTo("FORBIDDEN");

        String supervisor = keycloak.staffToken("supervisor");
        String[] parts = supervisor.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(api.get("/api/v1/monitoring/overview", forged).status()).isEqualTo(401);

        // no token: the browser door, and without a signed-in session there is nothing to see
        Api.Reply anonymous = api.get("/api/v1/monitoring/overview", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("01");
        // the browser door reads only: a write through it is refused before anything else
        Api.Reply write = api.postJson("/api/v1/monitoring/overview", null, Map.of());
        assertThat(write.status()).isIn(401, 403);
        assertThat(write.code()).isEqualTo("01");
    }

    @Test
    void hostileOrMistakenFiltersGetAReasonNotAnError() {
        String supervisor = keycloak.staffToken("supervisor");
        Map<String, String> refused = Map.of(
                "/api/v1/monitoring/overview?period=yesterday", "period must be today, 7d or 30d",
                "/api/v1/monitoring/transactions?limit=1000", "limit must be a number from 1 to 100",
                "/api/v1/monitoring/transactions?code=99", "code must be 00 or 01",
                "/api/v1/monitoring/transactions?agency=%3Cscript%3E", "agency must be",
                "/api/v1/monitoring/exchanges?status=LOST", "status must be one of",
                "/api/v1/monitoring/exchanges/not-a-uuid", "must be a UUID");
        refused.forEach((path, reason) -> {
            Api.Reply reply = api.get(path, supervisor);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("01");
            assertThat(reply.message()).as(path).contains(reason);
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
