package vn.hanoi.lgsp.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * Records moved end to end through the real stack: agency API, engine, workers over HTTP,
 * and the simulated destination systems and NDXP.
 */
class RecordExchangeTest extends PlatformTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String HOAN_KIEM_WARD = "000.00.61.H26";
    static final String GOVERNMENT_OFFICE = "000.00.00.G22";
    static final Duration END_TO_END = Duration.ofSeconds(60);

    @Autowired
    Simulators simulators;
    @Autowired
    JdbcTemplate jdbc;

    String justice;
    String dost;

    @BeforeEach
    void clients() {
        justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        dost = keycloak.clientToken(Keycloak.DOST_SYSTEM);
    }

    @AfterEach
    void destinationBackUp() {
        ward().behaviour().setDown(false);
    }

    @Test
    void recordInsideTheCityIsDeliveredAndItsResultReachesTheSource() {
        Record record = Record.text("Giấy đề nghị cấp phiếu lý lịch tư pháp " + UUID.randomUUID(), HOAN_KIEM_WARD);

        String id = accepted(api.post("/api/v1/exchanges", justice, record.json(), key()));

        Api.Reply done = awaitStatus(id, justice, "COMPLETED");
        assertThat(done.body().path("exchange").path("route").asText()).isEqualTo("LOCAL");
        assertThat(done.body().path("exchange").path("result").path("code").asText()).isEqualTo("00");
        assertThat(ward().receivedContent(id)).hasValue(record.bytes());
        assertThat(ward().deliveries(id)).isEqualTo(1);
        await().atMost(END_TO_END).until(() -> justiceSystem().outcome(id).isPresent());
        assertThat(justiceSystem().outcome(id).orElseThrow().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(statuses(done)).containsSubsequence("ACCEPTED", "ROUTED", "DELIVERED", "COMPLETED");
    }

    @Test
    void recordForACentralBodyTravelsThroughNdxpAndItsResultComesBack() {
        Record record = Record.text("Báo cáo gửi Văn phòng Chính phủ " + UUID.randomUUID(), GOVERNMENT_OFFICE);

        String id = accepted(api.post("/api/v1/exchanges", justice, record.json(), key()));

        Api.Reply done = awaitStatus(id, justice, "COMPLETED");
        assertThat(done.body().path("exchange").path("route").asText()).isEqualTo("NDXP");
        assertThat(done.body().path("exchange").path("result").path("reference").asText()).startsWith(GOVERNMENT_OFFICE);
        assertThat(simulators.ndxp().receivedContent(id)).hasValue(record.bytes());
        assertThat(simulators.ndxp().deliveries(id)).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyTwiceAtOnceMakesOneExchange() throws Exception {
        Record record = Record.text("Hồ sơ gửi hai lần " + UUID.randomUUID(), HOAN_KIEM_WARD);
        String key = key();

        CompletableFuture<Api.Reply> first = CompletableFuture.supplyAsync(() -> api.post("/api/v1/exchanges", justice, record.json(), key));
        CompletableFuture<Api.Reply> second = CompletableFuture.supplyAsync(() -> api.post("/api/v1/exchanges", justice, record.json(), key));

        String a = accepted(first.get());
        String b = accepted(second.get());
        assertThat(a).isEqualTo(b);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.exchange where source_code = ? and idempotency_key = ?",
                Integer.class, JUSTICE, key)).isEqualTo(1);
        awaitStatus(a, justice, "COMPLETED");
        assertThat(ward().deliveries(a)).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherRecordIsAConflict() {
        String key = key();
        accepted(api.post("/api/v1/exchanges", justice, Record.text("Hồ sơ một", HOAN_KIEM_WARD).json(), key));

        Api.Reply other = api.post("/api/v1/exchanges", justice, Record.text("Hồ sơ hai", HOAN_KIEM_WARD).json(), key);

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.error()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }

    @Test
    void destinationDownForAWhileIsRetriedAndReceivesTheRecordOnce() throws Exception {
        AgencySystemSimulator ward = ward();
        ward.behaviour().setDown(true);
        Record record = Record.text("Hồ sơ khi hệ thống nhận đang dừng " + UUID.randomUUID(), HOAN_KIEM_WARD);

        String id = accepted(api.post("/api/v1/exchanges", justice, record.json(), key()));
        Thread.sleep(3_000);
        assertThat(status(id, justice)).isEqualTo("ROUTED");
        ward.behaviour().failNext(1);
        ward.behaviour().setDown(false);

        awaitStatus(id, justice, "COMPLETED");
        assertThat(ward.deliveries(id)).isEqualTo(1);
        assertThat(ward.attempts(id)).as("one refused by the injected failure, then the delivery").isEqualTo(2);
    }

    @Test
    void anotherAgencyCannotReadTheExchange() {
        String id = accepted(api.post("/api/v1/exchanges", justice,
                Record.text("Hồ sơ riêng " + UUID.randomUUID(), HOAN_KIEM_WARD).json(), key()));

        Api.Reply stranger = api.get("/api/v1/exchanges/" + id, dost);

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("01");
        assertThat(api.get("/api/v1/exchanges/" + id, justice).status()).isEqualTo(200);
    }

    private AgencySystemSimulator ward() {
        return simulators.agency(HOAN_KIEM_WARD).orElseThrow();
    }

    private AgencySystemSimulator justiceSystem() {
        return simulators.agency(JUSTICE).orElseThrow();
    }

    static String key() {
        return "key-" + UUID.randomUUID();
    }

    static String accepted(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
        assertThat(reply.code()).isEqualTo("00");
        return reply.body().path("exchangeId").asText();
    }

    String status(String id, String token) {
        return api.get("/api/v1/exchanges/" + id, token).body().path("exchange").path("status").asText();
    }

    Api.Reply awaitStatus(String id, String token, String wanted) {
        await().atMost(END_TO_END).pollInterval(Duration.ofMillis(200)).until(() -> wanted.equals(status(id, token)));
        return api.get("/api/v1/exchanges/" + id, token);
    }

    static List<String> statuses(Api.Reply reply) {
        return reply.body().path("exchange").path("timeline").findValuesAsText("status");
    }

    /** A record as a source system submits it. */
    record Record(byte[] bytes, String contentType, String destination, Map<String, Object> extra) {

        static Record text(String text, String destination) {
            return new Record(text.getBytes(StandardCharsets.UTF_8), "text/plain", destination, Map.of());
        }

        Record with(String field, Object value) {
            Map<String, Object> more = new HashMap<>(extra);
            more.put(field, value);
            return new Record(bytes, contentType, destination, more);
        }

        String sha256() {
            return RecordValidator.sha256Hex(bytes);
        }

        Map<String, Object> json() {
            Map<String, Object> payload = new HashMap<>();
            payload.put("contentType", contentType);
            payload.put("content", Base64.getEncoder().encodeToString(bytes));
            payload.put("sha256", sha256());
            Map<String, Object> body = new HashMap<>();
            body.put("procedureCode", "1.000001.000.00.13.H26");
            body.put("destination", destination);
            body.put("payload", payload);
            body.putAll(extra);
            return body;
        }
    }
}
