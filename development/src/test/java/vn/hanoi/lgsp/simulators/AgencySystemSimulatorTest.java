package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgencySystemSimulatorTest {

    private static final String AGENCY = "000.00.13.H26";
    private static final String LGSP_TOKEN = "token-from-lgsp";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private CallbackRecorder lgsp;
    private AgencySystemSimulator agency;

    @BeforeEach
    void start() throws Exception {
        lgsp = new CallbackRecorder();
        agency = new AgencySystemSimulator(new AgencySystemSimulator.Config(AGENCY, 0, LGSP_TOKEN::equals,
                lgsp.baseUrl() + "/", () -> "agency-token", Duration.ofMillis(50)));
        agency.start();
    }

    @AfterEach
    void stop() {
        agency.close();
        lgsp.close();
    }

    @Test
    void acknowledgesARecordWithAReceipt() throws Exception {
        byte[] content = "Đơn đề nghị cấp giấy phép".getBytes(StandardCharsets.UTF_8);

        var answer = send(record("EX-1", content));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("code").asText()).isEqualTo("00");
        assertThat(json.get("message").asText()).isEqualTo("Đã tiếp nhận hồ sơ");
        assertThat(json.at("/receipt/exchangeId").asText()).isEqualTo("EX-1");
        assertThat(json.at("/receipt/receivedSha256").asText()).isEqualTo(TestHttp.sha256(content));
        assertThat(json.at("/receipt/receivedAt").asText()).isNotBlank();
        assertThat(agency.deliveries("EX-1")).isEqualTo(1);
        assertThat(agency.receivedContent("EX-1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
        assertThat(agency.receivedExchangeIds()).containsExactly("EX-1");
    }

    @Test
    void repeatedExchangeGetsTheSameReceiptAndIsProcessedOnce() throws Exception {
        var first = send(record("EX-2", "hồ sơ"));
        var again = send(record("EX-2", "hồ sơ"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("receipt")).isEqualTo(first.json().get("receipt"));
        assertThat(agency.attempts("EX-2")).isEqualTo(2);
        assertThat(agency.deliveries("EX-2")).isEqualTo(1);
        assertThat(agency.receivedExchangeIds()).containsExactly("EX-2");
        assertThat(lgsp.next(WAIT)).isNotNull();
        assertThat(lgsp.next(Duration.ofMillis(400))).as("one result only").isNull();
    }

    @Test
    void digestMismatchIsAnIntegrityFailure() throws Exception {
        Map<String, Object> body = record("EX-3", "bản gốc");
        body.put("sha256", TestHttp.sha256("bản sửa".getBytes(StandardCharsets.UTF_8)));

        var answer = send(body);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("error").asText()).isEqualTo("INTEGRITY_FAILED");
        assertThat(agency.deliveries("EX-3")).isZero();
        assertThat(agency.attempts("EX-3")).isEqualTo(1);
    }

    @Test
    void missingFieldsAreRefused() throws Exception {
        for (String field : new String[] {"exchangeId", "source", "destination", "procedureCode", "contentType",
            "content", "sha256"}) {
            Map<String, Object> body = record("EX-4", "x");
            body.remove(field);
            var answer = send(body);
            assertThat(answer.status()).as(field).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(agency.deliveries("EX-4")).isZero();
    }

    @Test
    void recordsNeedATokenTheAgencyAccepts() throws Exception {
        var none = TestHttp.postJson(agency.baseUrl() + "/records", null, record("EX-5", "x"));
        var wrong = TestHttp.postJson(agency.baseUrl() + "/records", "someone-else", record("EX-5", "x"));

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(agency.deliveries("EX-5")).isZero();
    }

    @Test
    void postsTheResultBackToLgsp() throws Exception {
        send(record("EX-6", "x"));

        var result = lgsp.next(WAIT);

        assertThat(result).isNotNull();
        assertThat(result.path()).isEqualTo("/api/v1/exchanges/EX-6/result");
        assertThat(result.authorization()).isEqualTo("Bearer agency-token");
        assertThat(result.contentType()).startsWith("application/json");
        assertThat(result.body().get("code").asText()).isEqualTo("00");
        assertThat(result.body().get("message").asText()).isEqualTo("Đã xử lý xong hồ sơ");
        assertThat(result.body().get("reference").asText()).startsWith(AGENCY + "/");
    }

    @Test
    void resultIsRetriedUntilLgspTakesIt() throws Exception {
        lgsp.failFirst(1);

        send(record("EX-7", "x"));

        assertThat(lgsp.next(WAIT).path()).isEqualTo("/api/v1/exchanges/EX-7/result");
        assertThat(lgsp.next(WAIT).path()).isEqualTo("/api/v1/exchanges/EX-7/result");
    }

    @Test
    void heldBackResultIsSentByHand() throws Exception {
        agency.setAutoResult(false);

        send(record("EX-8", "x"));

        assertThat(lgsp.next(Duration.ofMillis(400))).isNull();

        agency.postResult("EX-8", "01", "Hồ sơ bị trả lại do thiếu giấy tờ");

        var result = lgsp.next(WAIT);
        assertThat(result.path()).isEqualTo("/api/v1/exchanges/EX-8/result");
        assertThat(result.body().get("code").asText()).isEqualTo("01");
        assertThat(result.body().get("message").asText()).isEqualTo("Hồ sơ bị trả lại do thiếu giấy tờ");
    }

    @Test
    void statusLevelsAnswerWithoutAToken() throws Exception {
        var level1 = TestHttp.get(agency.baseUrl() + "/status", null);
        var level2 = TestHttp.get(agency.baseUrl() + "/status/services", null);

        assertThat(level1.status()).isEqualTo(200);
        assertThat(level1.json().get("code").asText()).isEqualTo("00");
        assertThat(level1.json().get("status").asText()).isEqualTo("UP");
        assertThat(level2.status()).isEqualTo(200);
        assertThat(level2.json().get("status").asText()).isEqualTo("UP");
        assertThat(level2.json().get("services").findValuesAsText("name"))
                .containsExactly("database", "cache", "document-store");
        assertThat(level2.json().get("services").findValuesAsText("status")).containsOnly("UP");
    }

    @Test
    void levelOneTellsTheTimeByItsClockOffByTheClockOffset() throws Exception {
        Instant before = Instant.now();
        var inSync = TestHttp.get(agency.baseUrl() + "/status", null);
        Instant after = Instant.now();
        assertThat(Instant.parse(inSync.json().get("time").asText())).isBetween(before, after);

        agency.behaviour().setClockOffset(Duration.ofSeconds(10));
        before = Instant.now();
        var ahead = TestHttp.get(agency.baseUrl() + "/status", null);
        after = Instant.now();
        assertThat(Instant.parse(ahead.json().get("time").asText()))
                .isBetween(before.plusSeconds(10), after.plusSeconds(10));

        agency.behaviour().reset();
        var reset = TestHttp.get(agency.baseUrl() + "/status", null);
        assertThat(Instant.parse(reset.json().get("time").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void clockOffsetIsSetFromOutsideToo() throws Exception {
        var update = TestHttp.postJson(agency.baseUrl() + "/_sim/behaviour", null, Map.of("clockOffsetMs", -10_000));

        assertThat(update.json().get("clockOffsetMs").asLong()).isEqualTo(-10_000);
        assertThat(agency.behaviour().getClockOffset()).isEqualTo(Duration.ofSeconds(-10));
        var behind = TestHttp.get(agency.baseUrl() + "/status", null);
        assertThat(Instant.parse(behind.json().get("time").asText())).isBefore(Instant.now().minusSeconds(9));
    }

    @Test
    void aSystemThatDoesNotTellItsClockAnswersWithoutTime() throws Exception {
        agency.setHealthMode(AgencySystemSimulator.HealthMode.NO_TIME);

        var level1 = TestHttp.get(agency.baseUrl() + "/status", null);

        assertThat(level1.json().get("code").asText()).isEqualTo("00");
        assertThat(level1.json().get("status").asText()).isEqualTo("UP");
        assertThat(level1.json().has("time")).isFalse();
    }

    @Test
    void failedDependencyDegradesLevelTwoOnly() throws Exception {
        agency.setHealthMode(AgencySystemSimulator.HealthMode.DEPENDENCY_DOWN);

        var level1 = TestHttp.get(agency.baseUrl() + "/status", null);
        var level2 = TestHttp.get(agency.baseUrl() + "/status/services", null);

        assertThat(level1.status()).isEqualTo(200);
        assertThat(level1.json().get("status").asText()).isEqualTo("UP");
        assertThat(level2.status()).isEqualTo(503);
        assertThat(level2.json().get("code").asText()).isEqualTo("01");
        assertThat(level2.json().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(level2.json().get("error").asText()).isNotBlank();
        assertThat(level2.json().get("services").findValuesAsText("status")).containsExactly("UP", "UP", "DOWN");
    }

    @Test
    void slowSystemMissesAShortStatusDeadline() {
        agency.setHealthMode(AgencySystemSimulator.HealthMode.SLOW);

        assertThatThrownBy(() -> TestHttp.get(agency.baseUrl() + "/status", null, Duration.ofMillis(800)))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void stoppedSystemRefusesStatusConnections() {
        agency.behaviour().setDown(true);

        assertThatThrownBy(() -> TestHttp.get(agency.baseUrl() + "/status", null))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void postalStatusesAreRecordedOncePerSequenceInSequenceOrder() throws Exception {
        String url = agency.baseUrl() + "/postal-status";

        var accepted = TestHttp.postJson(url, LGSP_TOKEN, postalStatus("SH-1", 1, "ACCEPTED"));
        var later = TestHttp.postJson(url, LGSP_TOKEN, postalStatus("SH-1", 3, "IN_TRANSIT"));
        var earlier = TestHttp.postJson(url, LGSP_TOKEN, postalStatus("SH-1", 2, "PICKED_UP"));
        var again = TestHttp.postJson(url, LGSP_TOKEN, postalStatus("SH-1", 2, "PICKED_UP"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("code").asText()).isEqualTo("00");
        assertThat(accepted.json().get("message").asText()).isEqualTo("Đã nhận trạng thái");
        assertThat(later.status()).isEqualTo(200);
        assertThat(earlier.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(agency.postalStatuses("SH-1")).containsExactly("ACCEPTED", "PICKED_UP", "IN_TRANSIT");
        assertThat(agency.postalStatuses("SH-2")).isEmpty();
    }

    @Test
    void postalStatusesNeedATokenTheAgencyAcceptsAndAWholeBody() throws Exception {
        String url = agency.baseUrl() + "/postal-status";

        assertThat(TestHttp.postJson(url, null, postalStatus("SH-3", 1, "ACCEPTED")).status()).isEqualTo(401);
        assertThat(TestHttp.postJson(url, "someone-else", postalStatus("SH-3", 1, "ACCEPTED")).status())
                .isEqualTo(401);
        Map<String, Object> bare = new LinkedHashMap<>(Map.of("dossierNumber", "HS-9", "note", "thiếu trường"));
        var refused = TestHttp.postJson(url, LGSP_TOKEN, bare);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("message").asText()).contains("shipmentId", "sequence", "status");
        assertThat(TestHttp.postJson(url, LGSP_TOKEN, "{not json").status()).isEqualTo(400);
        assertThat(agency.postalStatuses("SH-3")).isEmpty();
    }

    private static Map<String, Object> postalStatus(String shipmentId, long sequence, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shipmentId", shipmentId);
        body.put("dossierNumber", "000.00.13.H26-251201-0001");
        body.put("trackingNumber", "EH123456785VN");
        body.put("sequence", sequence);
        body.put("status", status);
        body.put("at", "2025-12-01T03:00:00Z");
        body.put("note", "Bưu điện cập nhật");
        return body;
    }

    private TestHttp.Answer send(Map<String, Object> body) throws Exception {
        return TestHttp.postJson(agency.baseUrl() + "/records", LGSP_TOKEN, body);
    }

    private static Map<String, Object> record(String exchangeId, String text) {
        return record(exchangeId, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> record(String exchangeId, byte[] content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exchangeId", exchangeId);
        body.put("source", "000.00.12.H26");
        body.put("destination", AGENCY);
        body.put("procedureCode", "1.001234");
        body.put("contentType", "application/pdf");
        body.put("content", TestHttp.base64(content));
        body.put("sha256", TestHttp.sha256(content));
        body.put("deadline", "2025-12-31T17:00:00+07:00");
        return body;
    }
}
