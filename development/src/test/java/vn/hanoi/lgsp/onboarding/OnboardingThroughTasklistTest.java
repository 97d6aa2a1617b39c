package vn.hanoi.lgsp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * A consumer's onboarding through the real stack: the ward's system submits
 * Form 02 with Form 03, DOST staff complete their Tasklist tasks through the engine's REST
 * API as themselves, the provider permits, both sides confirm the test, and the production
 * credentials work on the agency API with their grant recorded. A refused request leaves
 * no credentials behind.
 */
class OnboardingThroughTasklistTest extends PlatformTest {

    static final String WARD = "000.00.61.H26";
    static final Keycloak.Client WARD_SYSTEM = new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD);
    static final Duration STEP = Duration.ofSeconds(60);

    @Autowired
    KeycloakAdmin keycloakAdmin;

    String ward;
    String justice;
    String dost;

    @BeforeEach
    void clients() {
        ward = keycloak.clientToken(WARD_SYSTEM);
        justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        dost = keycloak.operatorToken();
    }

    @Test
    void consumerIsOnboardedUpToWorkingProductionCredentials() throws Exception {
        String service = publishedJusticeService();
        String id = submitted(api.postJson("/api/v1/registrations", ward,
                ServiceOnboardingProcessTest.consumer(service, 0)));

        completeTask(id, "reviewer", Map.of("reviewDecision", "APPROVE", "reviewComment", "đủ điều kiện"));
        awaitStatus(id, "AWAITING_PROVIDER");
        Api.Reply permitted = api.postJson("/api/v1/registrations/" + id + "/provider-decision", justice,
                Map.of("permit", true, "comment", "đồng ý cho phường khai thác"));
        assertThat(permitted.code()).as(permitted.body().toString()).isEqualTo("00");

        awaitStatus(id, "TESTING");
        String testToken = tokenFromCredentials(id, "TEST");
        assertThat(SignedJWT.parse(testToken).getJWTClaimsSet().getStringClaim("lgsp_environment")).isEqualTo("test");
        assertThat(api.get("/api/v1/categories", testToken).status()).isEqualTo(200);
        // TESTING is recorded a moment before the process waits for the confirmation; meanwhile the API answers
        // 503 "not waiting for this now", and a client tries again
        Api.Reply[] confirmed = new Api.Reply[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            confirmed[0] = api.post("/api/v1/registrations/" + id + "/test-confirmation", ward, "application/json", "{}");
            return confirmed[0].status() != 503;
        });
        assertThat(confirmed[0].code()).as(confirmed[0].body().toString()).isEqualTo("00");
        completeTask(id, "operator", Map.of("testResult", "PASSED"));

        awaitStatus(id, "ACTIVE");
        String productionToken = tokenFromCredentials(id, "PRODUCTION");
        var claims = SignedJWT.parse(productionToken).getJWTClaimsSet();
        assertThat(claims.getStringClaim("agency_code")).isEqualTo(WARD);
        assertThat(claims.getStringClaim("lgsp_environment")).isEqualTo("production");
        assertThat(api.get("/api/v1/categories/agencies", productionToken).code()).isEqualTo("00");
        JsonNode grants = api.get("/api/v1/grants?consumer=" + WARD, dost).body();
        assertThat(grants.toString()).contains(service).contains("PRODUCTION");

        // R-14 (App1 §3.1): at go-live the test credentials stop — the token held, and any new one
        assertThat(api.get("/api/v1/categories", testToken).status()).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokenFromCredentials(id, "TEST"))
                .hasMessageContaining("token request failed");
    }

    @Test
    void aTestClientDostKeepsOnPurposeOutlivesGoLive() throws Exception {
        String service = publishedJusticeService();
        String id = submitted(api.postJson("/api/v1/registrations", ward,
                ServiceOnboardingProcessTest.consumer(service, 0)));
        completeTask(id, "reviewer", Map.of("reviewDecision", "APPROVE", "reviewComment", "đủ điều kiện"));
        awaitStatus(id, "AWAITING_PROVIDER");
        api.postJson("/api/v1/registrations/" + id + "/provider-decision", justice, Map.of("permit", true, "comment", "đồng ý"));
        awaitStatus(id, "TESTING");
        String testToken = tokenFromCredentials(id, "TEST");
        api.post("/api/v1/registrations/" + id + "/test-confirmation", ward, "application/json", "{}");
        completeTask(id, "operator", Map.of("testResult", "PASSED", "keepTestClient", true));

        awaitStatus(id, "ACTIVE");
        assertThat(api.get("/api/v1/categories", testToken).status()).isEqualTo(200);
        assertThat(tokenFromCredentials(id, "TEST")).isNotBlank();
    }

    @Test
    void refusedRequestLeavesNoCredentials() {
        String service = publishedJusticeService();
        String id = submitted(api.postJson("/api/v1/registrations", ward,
                ServiceOnboardingProcessTest.consumer(service, 0)));

        completeTask(id, "reviewer", Map.of("reviewDecision", "REJECT", "reviewComment", "mục đích chưa rõ"));

        JsonNode registration = awaitStatus(id, "REJECTED");
        assertThat(registration.path("decisionComment").asText()).contains("mục đích chưa rõ");
        String prefix = "reg-" + id;
        assertThat(keycloakAdmin.clientExists(prefix + "-test")).isFalse();
        assertThat(keycloakAdmin.clientExists(prefix + "-prod")).isFalse();
        assertThat(api.get("/api/v1/registrations/" + id + "/credentials?environment=TEST", ward).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/grants?consumer=" + WARD, dost).body().toString()).doesNotContain(service);
    }

    @Test
    void incompleteRequestIsReturnedWithWhatIsMissing() {
        RegistrationForm incomplete = new RegistrationForm("CONSUMER", null, null, null,
                new RegistrationForm.Consumption("hotich-tra-cuu", "v1", null, null, null, null), null, null);

        Api.Reply reply = api.postJson("/api/v1/registrations", ward, incomplete);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body().path("details").findValuesAsText("field"))
                .contains("system.name", "contact", "consumption.purpose", "consumption.scope", "securityCommitment");
    }

    // ---- helpers ----

    private String publishedJusticeService() {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.postJson("/api/v1/services", dost, Map.of("code", code, "name", "Tra cứu thử " + code,
                "description", "Dịch vụ thử nghiệm", "provider", "000.00.13.H26", "classification", "PUBLIC",
                "version", "v1", "baseUrl", "http://127.0.0.1:9/api", "openApi", "{\"openapi\":\"3.0.0\"}"));
        assertThat(created.code()).as(created.body().toString()).isEqualTo("00");
        for (String status : List.of("TEST", "PUBLISHED")) {
            Api.Reply moved = api.postJson("/api/v1/services/" + code + "/versions/v1/status", dost, Map.of("status", status));
            assertThat(moved.code()).as(moved.body().toString()).isEqualTo("00");
        }
        return code;
    }

    private static String submitted(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
        return reply.body().path("registration").path("registrationId").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(STEP).pollInterval(Duration.ofMillis(300)).until(() -> status.equals(
                api.get("/api/v1/registrations/" + id, ward).body().path("registration").path("status").asText()));
        return api.get("/api/v1/registrations/" + id, ward).body().path("registration");
    }

    /** Completes the registration's open task through Camunda's REST API, as that staff member. */
    private void completeTask(String registrationId, String staff, Map<String, Object> variables) {
        String token = keycloak.staffToken(staff);
        JsonNode[] task = new JsonNode[1];
        await().atMost(STEP).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + registrationId, token).body();
            task[0] = tasks.size() == 1 ? tasks.get(0) : null;
            return task[0] != null;
        });
        Map<String, Object> typed = new java.util.HashMap<>();
        variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        Api.Reply done = api.postJson("/engine-rest/task/" + task[0].path("id").asText() + "/complete", token,
                Map.of("variables", typed));
        assertThat(done.status()).as(staff + " completes " + task[0].path("name").asText() + ": " + done.body()).isIn(200, 204);
    }

    private String tokenFromCredentials(String id, String environment) {
        JsonNode credentials = api.get("/api/v1/registrations/" + id + "/credentials?environment=" + environment, ward).body();
        assertThat(credentials.path("code").asText()).as(credentials.toString()).isEqualTo("00");
        return keycloak.clientToken(credentials.path("clientId").asText(), credentials.path("clientSecret").asText());
    }
}
