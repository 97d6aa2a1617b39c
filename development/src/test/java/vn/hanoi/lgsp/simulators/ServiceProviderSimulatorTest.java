package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceProviderSimulatorTest {

    private static final String AGENCY = "000.00.13.H26";
    private static final String GATEWAY_TOKEN = "token-of-the-lgsp-gateway";

    private ServiceProviderSimulator provider;

    @BeforeEach
    void start() {
        provider = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(AGENCY, 0, GATEWAY_TOKEN::equals, 0));
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void answersTheBirthRecordOfAKnownIdentifier() throws Exception {
        var answer = TestHttp.get(provider.baseUrl() + "/khai-sinh?soDinhDanh=001090000001", GATEWAY_TOKEN);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.get("code").asText()).isEqualTo("00");
        assertThat(json.get("message").asText()).isNotBlank();
        JsonNode record = json.get("khaiSinh");
        assertThat(record.get("soDinhDanh").asText()).isEqualTo("001090000001");
        assertThat(record.get("hoTen").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(record.get("ngaySinh").asText()).isEqualTo("1990-03-15");
        for (String field : List.of("noiSinh", "cha", "me", "ngayDangKy", "coQuanDangKy")) {
            assertThat(record.get(field).asText()).as(field).isNotBlank();
        }
        assertThat(provider.calls("/khai-sinh")).isEqualTo(1);
    }

    @Test
    void unknownIdentifierIsNotFound() throws Exception {
        var answer = TestHttp.get(provider.baseUrl() + "/khai-sinh?soDinhDanh=001999999999", GATEWAY_TOKEN);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("code").asText()).isEqualTo("01");
        assertThat(answer.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(answer.json().get("message").asText()).contains("khai sinh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?soDinhDanh=", "?soDinhDanh=12345", "?soDinhDanh=00109000000A",
        "?so=001090000001"})
    void missingOrMalformedIdentifierIsRefused(String query) throws Exception {
        var answer = TestHttp.get(provider.baseUrl() + "/khai-sinh" + query, GATEWAY_TOKEN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("01");
        assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void callWhoseTokenFailsThePredicateIsUnauthenticated() throws Exception {
        var wrong = TestHttp.get(provider.baseUrl() + "/khai-sinh?soDinhDanh=001090000001", "consumer-token");
        var missing = TestHttp.get(provider.baseUrl() + "/echo/x", null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("01");
        assertThat(wrong.json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(TestHttp.get(provider.baseUrl() + "/status", null).status()).as("status needs no token")
                .isEqualTo(200);
    }

    @Test
    void withoutAPredicateEveryCallIsAccepted() throws Exception {
        try (var open = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(AGENCY, 0, null, 0))) {
            open.start();

            assertThat(TestHttp.get(open.baseUrl() + "/echo", null).status()).isEqualTo(200);
            assertThat(TestHttp.get(open.baseUrl() + "/khai-sinh?soDinhDanh=001185000002", "anything").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void echoReportsWhatWasForwardedButNeverTheTokenValue() throws Exception {
        byte[] body = "{\"hoTen\":\"Trần Thị Bình\"}".getBytes(StandardCharsets.UTF_8);

        var answer = TestHttp.send("POST", provider.baseUrl() + "/echo/hotich/v1?soDinhDanh=001185000002&ten=B%C3%ACnh",
                Map.of("Authorization", "Bearer " + GATEWAY_TOKEN,
                        "X-LGSP-Transaction-Id", "TX-2025-0001",
                        "Content-Type", "application/json"), body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(GATEWAY_TOKEN);
        JsonNode json = answer.json();
        assertThat(json.get("code").asText()).isEqualTo("00");
        assertThat(json.get("message").asText()).isEqualTo("Đã nhận");
        assertThat(json.get("method").asText()).isEqualTo("POST");
        assertThat(json.get("path").asText()).isEqualTo("/echo/hotich/v1");
        assertThat(json.get("query").asText()).isEqualTo("soDinhDanh=001185000002&ten=B%C3%ACnh");
        assertThat(json.at("/headers/authorization").asText()).isEqualTo("present");
        assertThat(json.at("/headers/x-lgsp-transaction-id").asText()).isEqualTo("TX-2025-0001");
        assertThat(json.at("/headers/content-type").asText()).isEqualTo("application/json");
        json.get("headers").fieldNames().forEachRemaining(name -> assertThat(name).isLowerCase());
        assertThat(json.get("bodySha256").asText()).isEqualTo(TestHttp.sha256(body));
        assertThat(json.get("bodyBytes").asInt()).isEqualTo(body.length);
        assertThat(provider.lastForwardedHeaderNames())
                .contains("authorization", "x-lgsp-transaction-id", "content-type")
                .allSatisfy(name -> assertThat(name).isLowerCase());
        assertThat(provider.calls("/echo")).isEqualTo(1);
        assertThat(provider.calls("/echo/hotich")).isEqualTo(1);
        assertThat(provider.calls("/khai-sinh")).isZero();
    }

    @Test
    void echoShowsThatNoConsumerCredentialArrived() throws Exception {
        var answer = TestHttp.send("GET", provider.baseUrl() + "/echo", Map.of(
                "Authorization", "Bearer " + GATEWAY_TOKEN, "X-LGSP-Transaction-Id", "TX-2"), null);
        try (var open = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(AGENCY, 0, null, 0))) {
            open.start();
            var bare = TestHttp.send("GET", open.baseUrl() + "/echo", Map.of("X-LGSP-Transaction-Id", "TX-3"), null);

            assertThat(bare.json().get("headers").has("authorization")).isFalse();
            assertThat(bare.json().get("query").asText()).isEmpty();
            assertThat(bare.json().get("bodyBytes").asInt()).isZero();
            assertThat(bare.json().get("bodySha256").asText()).isEqualTo(TestHttp.sha256(new byte[0]));
            assertThat(open.lastForwardedHeaderNames()).doesNotContain("authorization").contains("x-lgsp-transaction-id");
        }
        assertThat(answer.json().at("/headers/authorization").asText()).isEqualTo("present");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "PATCH", "DELETE", "OPTIONS"})
    void echoAnswersEveryMethod(String method) throws Exception {
        var answer = TestHttp.send(method, provider.baseUrl() + "/echo/any", Map.of(
                "Authorization", "Bearer " + GATEWAY_TOKEN), "x".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("method").asText()).isEqualTo(method);
    }

    @Test
    void headOnEchoIsAnsweredWithHeadersOnly() throws Exception {
        var answer = TestHttp.send("HEAD", provider.baseUrl() + "/echo/any", Map.of(
                "Authorization", "Bearer " + GATEWAY_TOKEN), null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(provider.calls("/echo/any")).isEqualTo(1);
    }

    @Test
    void statusIsUpAndDoesNotHideTheLastForwardedHeaders() throws Exception {
        TestHttp.send("GET", provider.baseUrl() + "/echo", Map.of(
                "Authorization", "Bearer " + GATEWAY_TOKEN, "X-LGSP-Transaction-Id", "TX-4"), null);
        provider.behaviour().failNext(1);

        var status = TestHttp.get(provider.baseUrl() + "/status", null);
        var failed = TestHttp.get(provider.baseUrl() + "/khai-sinh?soDinhDanh=001090000001", GATEWAY_TOKEN);

        assertThat(status.status()).as("a status probe does not use up the injected failure").isEqualTo(200);
        assertThat(status.json().get("code").asText()).isEqualTo("00");
        assertThat(status.json().get("message").asText()).isNotBlank();
        assertThat(status.json().get("status").asText()).isEqualTo("UP");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("error").asText()).isEqualTo("SIMULATED_FAILURE");
        assertThat(provider.calls("/status")).isEqualTo(1);
        assertThat(provider.calls("/khai-sinh")).as("counts the call the fault turned away").isEqualTo(1);
        assertThat(provider.calls("/")).isEqualTo(3);
        assertThat(provider.lastForwardedHeaderNames()).doesNotContain("x-lgsp-transaction-id");
    }

    @Test
    void manyHandlerThreadsServeFortySlowRequestsAtOnce() throws Exception {
        Duration latency = Duration.ofMillis(1_500);
        try (var wide = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(AGENCY, 0, null, 64))) {
            wide.start();
            TestHttp.get(wide.baseUrl() + "/status", null);
            wide.behaviour().setLatency(latency);
            long started = System.nanoTime();

            List<CompletableFuture<HttpResponse<String>>> answers = fire(wide.baseUrl() + "/echo/slow", 40);

            // Each takes the full latency once it holds a thread, so all 40 arriving before the
            // latency is up means all 40 were being served at the same time.
            assertThat(waitFor(() -> wide.calls("/echo/slow"), 40, started, latency.minusMillis(300)))
                    .as("requests being served at once").isEqualTo(40);
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(answers).allSatisfy(answer -> assertThat(answer.get().statusCode()).isEqualTo(200));
            assertThat(millis).as("one round of latency, not three as 16 threads would need")
                    .isLessThan(2 * latency.toMillis());
        }
    }

    @Test
    void defaultHandlerPoolServesSixteenAtOnce() throws Exception {
        Duration latency = Duration.ofMillis(2_000);
        provider.behaviour().setLatency(latency);
        long started = System.nanoTime();

        List<CompletableFuture<HttpResponse<String>>> answers = fire(provider.baseUrl() + "/status", 24);
        int served = waitFor(() -> provider.calls("/status"), 17, started, latency.minusMillis(500));

        assertThat((System.nanoTime() - started) / 1_000_000).as("still inside the first round")
                .isLessThan(latency.toMillis());
        assertThat(served).isEqualTo(16);
        answers.forEach(answer -> answer.cancel(true));
    }

    private static List<CompletableFuture<HttpResponse<String>>> fire(String url, int count) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        return answers;
    }

    /** Polls until the count reaches the target or the time since {@code started} is up; the last count. */
    private static int waitFor(IntSupplier count, int target, long started, Duration within)
            throws InterruptedException {
        long deadline = started + within.toNanos();
        int seen = count.getAsInt();
        while (seen < target && System.nanoTime() < deadline) {
            Thread.sleep(10);
            seen = count.getAsInt();
        }
        return seen;
    }
}
