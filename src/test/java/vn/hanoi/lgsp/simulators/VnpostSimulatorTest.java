package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's VNPost simulator: orders with S10 tracking numbers, retries of the same
 * order answered with the same number, bad orders refused naming every problem, statuses over
 * the order's course by callback with retries, and the recipient forgotten once it ended.
 */
class VnpostSimulatorTest {

    private static final String KEY = "lgsp-hanoi-vnpost";
    private static final String SECRET = "Vnpost#Secret2025";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VnpostSimulator vnpost;
    private HttpServer receiver;
    private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger(1);
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
        vnpost = new VnpostSimulator(new VnpostSimulator.Config(0, KEY, SECRET, Duration.ZERO, () -> "lgsp-side-token"));
        vnpost.start();
        token = TestHttp.token(vnpost.baseUrl(), KEY, SECRET);
    }

    @AfterEach
    void stop() {
        vnpost.close();
        receiver.stop(0);
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
