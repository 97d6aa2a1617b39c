package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The VNPost simulator (R-22, Đ6.1.3.đ): orders with S10 tracking numbers, retries of the same
 * order answered with the same number, bad orders refused naming every problem, statuses over
 * the order's course by callback with retries, and the recipient forgotten once it ended; each
 * order's fee; applications collected by post sent to the LGSP, and their receipt taken back.
 */
class VnpostSimulatorTest {

    private static final String KEY = "lgsp-hanoi-vnpost";
    private static final String SECRET = "Vnpost#Secret2025";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String APPLICATIONS = "/api/v1/national/ndxp/postal/applications";

    private VnpostSimulator vnpost;
    private HttpServer receiver;
    private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger(1);
    private CallbackRecorder lgsp;
    private String token;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/callbacks", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            boolean authorised = "Bearer lgsp-side-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            // the first callback is turned away, as a platform restarting would: VNPost must try again
            int status = !authorised ? 401 : refusals.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                callbacks.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        lgsp = new CallbackRecorder();
        vnpost = new VnpostSimulator(new VnpostSimulator.Config(0, KEY, SECRET, Duration.ZERO, () -> "lgsp-side-token",
                () -> lgsp.baseUrl() + APPLICATIONS));
        vnpost.start();
        token = TestHttp.token(vnpost.baseUrl(), KEY, SECRET);
    }

    @AfterEach
    void stop() {
        vnpost.close();
        receiver.stop(0);
        lgsp.close();
    }

    @Test
    void trackingNumbersAreS10WithTheirCheckDigit() {
        // the UPU's worked example: serial 47312482 has check digit 9 (RA 47312482 9 GB)
        assertThat(VnpostSimulator.trackingNumber(47_312_482)).isEqualTo("EH473124829VN");
        assertThat(VnpostSimulator.trackingNumber(12_345_601)).matches("EH[0-9]{9}VN");
    }

    @Test
    void anOrderIsDeliveredEachStatusCalledBackAndTheRecipientForgotten() throws Exception {
        TestHttp.Answer accepted = TestHttp.postJson(vnpost.baseUrl() + "/orders", token, order("HS-0001"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        String tracking = accepted.json().get("trackingNumber").asText();
        assertThat(tracking).matches("EH[0-9]{9}VN");

        // sent again after a timeout: the same order, the same number
        TestHttp.Answer again = TestHttp.postJson(vnpost.baseUrl() + "/orders", token, order("HS-0001"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("trackingNumber").asText()).isEqualTo(tracking);
        Map<String, Object> changed = order("HS-0001");
        changed.put("codAmount", 99_000);
        assertThat(TestHttp.postJson(vnpost.baseUrl() + "/orders", token, changed).status()).isEqualTo(409);

        for (int i = 0; i < 3; i++) {
            advance(tracking);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.size() == 4);
        // a refused callback is retried, so callbacks may arrive out of order: their time orders them
        assertThat(inOrder()).extracting(c -> c.get("status").asText())
                .containsExactly("ACCEPTED", "PICKED_UP", "IN_TRANSIT", "DELIVERED");
        assertThat(callbacks).allMatch(c -> c.get("trackingNumber").asText().equals(tracking)
                && c.get("orderNumber").asText().equals("HS-0001"));
        JsonNode tracked = TestHttp.get(vnpost.baseUrl() + "/orders/" + tracking, token).json();
        assertThat(tracked.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(tracked.get("history")).hasSize(4);
        assertThat(vnpost.recipientsHeld()).isZero();
    }

    @Test
    void aDeliveryThatFailsTwiceGoesBackToTheAgency() throws Exception {
        vnpost.outcome(VnpostSimulator.Outcome.RETURNED);
        String tracking = TestHttp.postJson(vnpost.baseUrl() + "/orders", token, order("HS-0002")).json()
                .get("trackingNumber").asText();
        String last = "";
        for (int i = 0; i < 6 && !last.equals("RETURNED"); i++) {
            last = advance(tracking);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.size() == 7);
        assertThat(inOrder()).extracting(c -> c.get("status").asText()).containsExactly("ACCEPTED", "PICKED_UP",
                "IN_TRANSIT", "DELIVERY_FAILED", "IN_TRANSIT", "DELIVERY_FAILED", "RETURNED");
        // an ended order stays ended
        assertThat(advance(tracking)).isEqualTo("RETURNED");
    }

    @Test
    void aBadOrderIsRefusedNamingEveryProblemAndAnOrderNeedsAToken() throws Exception {
        Map<String, Object> bad = order("HS-0003");
        bad.put("codAmount", "một trăm nghìn");
        bad.put("recipient", Map.of("name", "Nguyễn Văn An", "address", "Số 12 phố Hàng Bạc", "provinceCode", "01",
                "wardCode", "x"));
        TestHttp.Answer refused = TestHttp.postJson(vnpost.baseUrl() + "/orders", token, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("01");
        assertThat(refused.json().get("message").asText()).contains("recipient.phone", "wardCode", "codAmount");
        assertThat(TestHttp.postJson(vnpost.baseUrl() + "/orders", null, order("HS-0004")).status()).isEqualTo(401);
    }

    @Test
    void anOrderIsChargedByWeightServiceAndCashOnDeliveryTheSameWhenSentAgain() throws Exception {
        TestHttp.Answer light = TestHttp.postJson(vnpost.baseUrl() + "/orders", token, order("HS-0010"));
        assertThat(light.json().get("feeDong").asLong()).as("the first 500 g, registered").isEqualTo(22_000);

        // 1,200 g: two steps beyond the first 500 g, by EMS (double), and 1 % of 500,000 đồng is below the minimum
        Map<String, Object> heavy = order("HS-0011");
        heavy.put("serviceLevel", "EXPRESS");
        heavy.put("items", List.of(Map.of("name", "Giấy phép", "weightGrams", 700),
                Map.of("name", "Hồ sơ kèm theo", "weightGrams", 500)));
        heavy.put("codAmount", 500_000);
        TestHttp.Answer first = TestHttp.postJson(vnpost.baseUrl() + "/orders", token, heavy);
        TestHttp.Answer again = TestHttp.postJson(vnpost.baseUrl() + "/orders", token, heavy);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("feeDong").asLong()).isEqualTo(2 * (22_000 + 2 * 5_000) + 10_000);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("feeDong").asLong()).isEqualTo(first.json().get("feeDong").asLong());

        Map<String, Object> cod = order("HS-0012");
        cod.put("codAmount", 2_345_000);
        assertThat(TestHttp.postJson(vnpost.baseUrl() + "/orders", token, cod).json().get("feeDong").asLong())
                .as("1 % of the amount above the minimum").isEqualTo(22_000 + 23_450);
        Map<String, Object> unknownLevel = order("HS-0013");
        unknownLevel.put("serviceLevel", "HOA_TOC");
        assertThat(TestHttp.postJson(vnpost.baseUrl() + "/orders", token, unknownLevel).json().get("message").asText())
                .contains("serviceLevel");
    }

    @Test
    void anApplicationIsSentToTheLgspWithTheCallbacksToken() throws Exception {
        byte[] content = "Tờ khai đăng ký khai sinh".getBytes(StandardCharsets.UTF_8);

        String number = vnpost.sendApplication(new VnpostSimulator.Application("000.00.61.H26", "1.001193",
                "application/pdf", content, "001090000001", "Nguyễn Văn An"));

        assertThat(number).matches("BD[0-9]{10}");
        CallbackRecorder.Received sent = lgsp.next(WAIT);
        assertThat(sent).isNotNull();
        assertThat(sent.path()).isEqualTo(APPLICATIONS);
        assertThat(sent.authorization()).isEqualTo("Bearer lgsp-side-token");
        assertThat(sent.contentType()).startsWith("application/json");
        JsonNode body = sent.body();
        assertThat(body.get("applicationNumber").asText()).isEqualTo(number);
        assertThat(body.get("trackingNumber").asText()).matches("EH[0-9]{9}VN");
        assertThat(body.get("destination").asText()).isEqualTo("000.00.61.H26");
        assertThat(body.get("procedureCode").asText()).isEqualTo("1.001193");
        assertThat(body.at("/payload/contentType").asText()).isEqualTo("application/pdf");
        assertThat(body.at("/payload/content").asText()).isEqualTo(TestHttp.base64(content));
        assertThat(body.at("/payload/sha256").asText()).isEqualTo(TestHttp.sha256(content));
        assertThat(body.at("/applicant/citizenId").asText()).isEqualTo("001090000001");
        assertThat(body.at("/applicant/fullName").asText()).isEqualTo("Nguyễn Văn An");

        // the control route takes the same JSON; without a citizen id no applicant goes
        TestHttp.Answer control = TestHttp.postJson(vnpost.baseUrl() + "/_sim/applications", null, Map.of(
                "destination", "000.00.12.H26", "procedureCode", "1.004227", "contentType", "application/pdf",
                "content", TestHttp.base64(content)));
        assertThat(control.status()).as(control.body()).isEqualTo(200);
        String second = control.json().get("applicationNumber").asText();
        assertThat(second).matches("BD[0-9]{10}").isNotEqualTo(number);
        JsonNode anonymous = lgsp.next(WAIT).body();
        assertThat(anonymous.get("applicationNumber").asText()).isEqualTo(second);
        assertThat(anonymous.has("applicant")).isFalse();
        assertThat(TestHttp.postJson(vnpost.baseUrl() + "/_sim/applications", null, Map.of("destination", "x"))
                .status()).isEqualTo(400);
    }

    @Test
    void theAgencysReceiptOfAnApplicationIsRecordedOnce() throws Exception {
        String number = vnpost.sendApplication(new VnpostSimulator.Application("000.00.61.H26", "1.001193",
                "application/pdf", new byte[] {1, 2, 3}, null, null));
        String url = vnpost.baseUrl() + "/applications/" + number + "/receipt";
        Map<String, Object> receipt = Map.of("exchangeId", "EX-P1", "destination", "000.00.61.H26",
                "receivedAt", "2025-12-01T03:00:00Z");

        TestHttp.Answer first = TestHttp.postJson(url, token, receipt);
        TestHttp.Answer again = TestHttp.postJson(url, token, Map.of("exchangeId", "EX-P2",
                "destination", "000.00.61.H26", "receivedAt", "2025-12-01T04:00:00Z"));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("duplicate").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(vnpost.receiptOf(number)).hasValueSatisfying(recorded -> assertThat(recorded)
                .containsEntry("exchangeId", "EX-P1").containsEntry("receivedAt", "2025-12-01T03:00:00Z"));
        assertThat(TestHttp.postJson(vnpost.baseUrl() + "/applications/BD0000000000/receipt", token, receipt)
                .status()).isEqualTo(404);
        assertThat(vnpost.receiptOf("BD0000000000")).isEmpty();
        assertThat(TestHttp.postJson(url, null, receipt).status()).isEqualTo(401);
    }

    private List<JsonNode> inOrder() {
        return callbacks.stream().sorted(java.util.Comparator.comparing(c -> java.time.Instant.parse(c.get("at").asText())))
                .toList();
    }

    private String advance(String tracking) throws Exception {
        return TestHttp.postJson(vnpost.baseUrl() + "/_sim/orders/" + tracking + "/advance", null, Map.of())
                .json().get("status").asText();
    }

    private Map<String, Object> order(String number) {
        Map<String, Object> order = new java.util.LinkedHashMap<>();
        order.put("orderNumber", number);
        order.put("agencyCode", "000.00.61.H26");
        order.put("procedureCode", "1.001766");
        order.put("serviceLevel", "STANDARD");
        order.put("recipient", Map.of("name", "Nguyễn Văn An", "phone", "0912345678",
                "address", "Số 12 phố Hàng Bạc", "provinceCode", "01", "wardCode", "00070"));
        order.put("items", List.of(Map.of("name", "Giấy khai sinh (bản chính)", "weightGrams", 50)));
        order.put("codAmount", 0);
        order.put("callbackUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/callbacks");
        return order;
    }
}
