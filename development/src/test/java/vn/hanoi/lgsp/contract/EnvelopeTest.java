package vn.hanoi.lgsp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** Appendix 01 §3.1: every answer carries code 00/01; failures name an error token and a reason. */
class EnvelopeTest extends PlatformTest {

    String token;

    @BeforeEach
    void clients() {
        token = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
    }

    @Test
    void unknownPathIs404Envelope() {
        assertFailure(api.get("/api/v1/no-such-thing", token), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIs405Envelope() {
        assertFailure(api.method("DELETE", "/api/v1/categories", token), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void wrongContentTypeIs415Envelope() {
        assertFailure(api.post("/api/v1/agencies", token, "text/plain", "hello"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unreadableJsonIs400Envelope() {
        assertFailure(api.post("/api/v1/agencies", keycloak.operatorToken(),
                "application/json", "{not json"), 400, "VALIDATION_FAILED");
    }

    @Test
    void callWithoutTheRoleIs403Envelope() {
        // the Department of Justice's system is not a DOST operator
        assertFailure(api.postJson("/api/v1/agencies", token,
                java.util.Map.of("code", "000.00.20.H26", "name", "Sở thử")), 403, "FORBIDDEN");
    }

    @Test
    void unknownCategoryListIs404WithTheKnownLists() {
        Api.Reply reply = api.get("/api/v1/categories/planets", token);
        assertFailure(reply, 404, "NOT_FOUND");
        assertThat(reply.message()).contains("agencies").contains("administrative-units");
    }

    @Test
    void successCarriesCode00AndTransactionId() {
        Api.Reply reply = api.get("/api/v1/categories", token);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo("00");
        assertThat(reply.transactionId()).isNotBlank();
    }

    private static void assertFailure(Api.Reply reply, int status, String error) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo("01");
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.message()).isNotBlank();
        assertThat(reply.transactionId()).isNotBlank();
    }
}
