package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NdxpSimulatorTest {

    private static final String KEY = "lgsp-hanoi";
    private static final String SECRET = "Ndxp#Secret+2025";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private CallbackRecorder lgsp;
    private NdxpSimulator ndxp;
    private String token;

    @BeforeEach
    void start() throws Exception {
        lgsp = new CallbackRecorder();
        ndxp = new NdxpSimulator(new NdxpSimulator.Config(0, KEY, SECRET, lgsp.baseUrl() + "/callbacks/ndxp",
                () -> "callback-token", Duration.ofMillis(100)));
        ndxp.start();
        token = TestHttp.token(ndxp.baseUrl(), KEY, SECRET);
    }

    @AfterEach
    void stop() {
        ndxp.close();
        lgsp.close();
    }

    @Test
    void issuesBearerTokenForGoodBasicCredentials() throws Exception {
        var answer = TestHttp.postToken(ndxp.baseUrl(), KEY, SECRET, "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("access_token").asText()).isNotBlank();
        assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(json.get("expires_in").asInt()).isEqualTo(3600);
    }

    @Test
    void acceptsFormEncodedCredentialsAsSpringSecuritySendsThem() throws Exception {
        var answer = TestHttp.postToken(ndxp.baseUrl(), KEY, "Ndxp%23Secret%2B2025", "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void refusesTokenForWrongCredentials() throws Exception {
        var wrong = TestHttp.postToken(ndxp.baseUrl(), KEY, "guess", "grant_type=client_credentials");
        var missing = TestHttp.postToken(ndxp.baseUrl(), null, null, "grant_type=client_credentials");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("01");
        assertThat(wrong.json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.json().get("message").asText()).startsWith("100 AUTHEN_ERROR");
        assertThat(missing.status()).isEqualTo(401);
    }

    @Test
    void refusesOtherGrantTypes() throws Exception {
        assertThat(TestHttp.postToken(ndxp.baseUrl(), KEY, SECRET, "grant_type=password").status()).isEqualTo(400);
        assertThat(TestHttp.postToken(ndxp.baseUrl(), KEY, SECRET, "").status()).isEqualTo(400);
    }

    @Test
    void businessEndpointsNeedALiveTokenOfItsOwn() throws Exception {
        String citizen = ndxp.baseUrl() + "/population/citizens/001090000001";

        assertThat(TestHttp.get(citizen, null).status()).isEqualTo(401);
        assertThat(TestHttp.get(citizen, "made-up").json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", null, message("M-0", "x")).status())
                .isEqualTo(401);
        assertThat(TestHttp.get(citizen, token).status()).isEqualTo(200);

        ndxp.tokens().expireAll();

        assertThat(TestHttp.get(citizen, token).status()).isEqualTo(401);
    }

    @Test
    void acceptedMessageIsCalledBackReceivedThenResult() throws Exception {
        byte[] content = "Hồ sơ cấp phép số 17".getBytes(StandardCharsets.UTF_8);

        var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-1", content));

        assertThat(answer.status()).isEqualTo(202);
        JsonNode accepted = answer.json();
        assertThat(accepted.get("code").asText()).isEqualTo("00");
        assertThat(accepted.get("message").asText()).isEqualTo("Đã tiếp nhận");
        assertThat(accepted.get("duplicate").asBoolean()).isFalse();
        String ndxpMessageId = accepted.get("ndxpMessageId").asText();
        assertThat(ndxpMessageId).isNotBlank();

        var received = lgsp.next(WAIT);
        assertThat(received).isNotNull();
        assertThat(received.path()).isEqualTo("/callbacks/ndxp");
        assertThat(received.authorization()).isEqualTo("Bearer callback-token");
        assertThat(received.contentType()).startsWith("application/json");
        assertThat(received.body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(received.body().get("messageId").asText()).isEqualTo("M-1");
        assertThat(received.body().get("ndxpMessageId").asText()).isEqualTo(ndxpMessageId);
        assertThat(received.body().get("receivedSha256").asText()).isEqualTo(TestHttp.sha256(content));
        Instant receivedAt = Instant.parse(received.body().get("at").asText());

        var result = lgsp.next(WAIT);
        assertThat(result).isNotNull();
        assertThat(result.authorization()).isEqualTo("Bearer callback-token");
        assertThat(result.body().get("event").asText()).isEqualTo("RESULT");
        assertThat(result.body().get("ndxpMessageId").asText()).isEqualTo(ndxpMessageId);
        assertThat(Instant.parse(result.body().get("at").asText())).isAfterOrEqualTo(receivedAt);
        assertThat(result.body().at("/result/code").asText()).isEqualTo("00");
        assertThat(result.body().at("/result/message").asText()).isEqualTo("Cơ quan nhận đã xử lý hồ sơ");
        assertThat(result.body().at("/result/reference").asText()).startsWith("000.00.12.H26/");

        assertThat(ndxp.deliveries("M-1")).isEqualTo(1);
        assertThat(ndxp.submissions("M-1")).isEqualTo(1);
        assertThat(ndxp.receivedContent("M-1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
    }

    @Test
    void duplicateMessageIdIsAnsweredAsDuplicateAndDeliveredOnce() throws Exception {
        var first = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-2", "một lần"));
        var second = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-2", "một lần"));

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        assertThat(second.json().get("ndxpMessageId").asText()).isEqualTo(first.json().get("ndxpMessageId").asText());
        assertThat(ndxp.submissions("M-2")).isEqualTo(2);
        assertThat(ndxp.deliveries("M-2")).isEqualTo(1);
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RESULT");
        assertThat(lgsp.next(Duration.ofMillis(400))).as("no second round of callbacks").isNull();
    }

    @Test
    void callbacksAreRetriedUntilLgspAcceptsThem() throws Exception {
        lgsp.failFirst(2);

        TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-3", "thử lại"));

        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RESULT");
    }

    @Test
    void submissionsCountAttemptsTurnedAwayBySimulatedFailures() throws Exception {
        ndxp.behaviour().failNext(1);

        var failed = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-4", "x"));
        var retried = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-4", "x"));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("error").asText()).isEqualTo("SIMULATED_FAILURE");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().get("duplicate").asBoolean()).isFalse();
        assertThat(ndxp.submissions("M-4")).isEqualTo(2);
        assertThat(ndxp.deliveries("M-4")).isEqualTo(1);
    }

    @Test
    void digestMismatchIsAnIntegrityFailure() throws Exception {
        Map<String, Object> body = message("M-5", "nội dung");
        body.put("sha256", TestHttp.sha256("nội dung khác".getBytes(StandardCharsets.UTF_8)));

        var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, body);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("code").asText()).isEqualTo("01");
        assertThat(answer.json().get("error").asText()).isEqualTo("INTEGRITY_FAILED");
        assertThat(ndxp.deliveries("M-5")).isZero();
        assertThat(lgsp.next(Duration.ofMillis(300))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VN:GOV:000.00.12.H26", "VN:COM:000.00.12.H26:SUB", "VN:GOV:abc:SUB",
        "VN:GOV::SUB", "VN:GOV:0123456789012345678901234567890123456:SUB", "VN:GOV:000.00.12.H26:SUB:EXTRA"})
    void badAddressIsRefused(String address) throws Exception {
        Map<String, Object> body = message("M-6", "x");
        body.put("to", address);

        var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.json().get("message").asText()).contains("to");
    }

    @Test
    void missingFieldsAndBadEncodingsAreRefused() throws Exception {
        Map<String, Object> noProcedure = message("M-7", "x");
        noProcedure.remove("procedureCode");
        Map<String, Object> notBase64 = message("M-7", "x");
        notBase64.put("content", "không phải base64!");
        Map<String, Object> upperCaseDigest = message("M-7", "x");
        upperCaseDigest.put("sha256", ((String) upperCaseDigest.get("sha256")).toUpperCase());

        for (Object body : new Object[] {noProcedure, notBase64, upperCaseDigest, "{not json"}) {
            var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, body);
            assertThat(answer.status()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(ndxp.deliveries("M-7")).isZero();
    }

    @Test
    void looksUpCitizensInThePopulationDatabase() throws Exception {
        var known = TestHttp.get(ndxp.baseUrl() + "/population/citizens/001090000001", token);
        var unknown = TestHttp.get(ndxp.baseUrl() + "/population/citizens/001999999999", token);
        var malformed = TestHttp.get(ndxp.baseUrl() + "/population/citizens/12345", token);

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().get("code").asText()).isEqualTo("00");
        assertThat(known.json().at("/citizen/citizenId").asText()).isEqualTo("001090000001");
        assertThat(known.json().at("/citizen/fullName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(known.json().at("/citizen/dateOfBirth").asText()).isNotBlank();
        assertThat(known.json().at("/citizen/permanentAddress").asText()).contains("Hà Nội");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void looksUpEnterprisesByTenOrThirteenDigitTaxCode() throws Exception {
        var company = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/0101234567", token);
        var branch = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/0101234567001", token);
        var unknown = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/0199999999", token);
        var malformed = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/01012345", token);

        assertThat(company.status()).isEqualTo(200);
        assertThat(company.json().at("/enterprise/name").asText()).isEqualTo("Công ty TNHH Thử Nghiệm Hà Nội");
        assertThat(company.json().at("/enterprise/status").asText()).isNotBlank();
        assertThat(branch.json().at("/enterprise/taxCode").asText()).isEqualTo("0101234567001");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
    }

    private static Map<String, Object> message(String messageId, String text) {
        return message(messageId, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> message(String messageId, byte[] content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("from", "VN:GOV:000.00.00.H26:LGSP");
        body.put("to", "VN:GOV:000.00.12.H26:MOTCUA");
        body.put("procedureCode", "1.001234");
        body.put("contentType", "application/pdf");
        body.put("content", TestHttp.base64(content));
        body.put("sha256", TestHttp.sha256(content));
        return body;
    }
}
