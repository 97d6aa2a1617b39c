package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** Camunda's REST API takes only Keycloak bearer tokens and acts as the token's user. */
class EngineRestAuthenticationTest extends PlatformTest {

    @Test
    void refusesCallsWithoutAValidToken() {
        Api.Reply none = api.get("/engine-rest/filter", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("01");

        assertThat(api.get("/engine-rest/filter", "forged.token.value").status()).isEqualTo(401);
    }

    @Test
    void actsAsTheStaffMemberOfTheTokenAndRefusesAgencySystems() {
        // the shared Tasklist filter is granted to staff groups, not to agency systems
        Api.Reply reviewer = api.get("/engine-rest/filter", keycloak.staffToken("reviewer"));
        assertThat(reviewer.status()).isEqualTo(200);
        assertThat(reviewer.body().findValuesAsText("name")).contains("Tất cả công việc");

        // least privilege: an agency's system has no business with the engine at all
        Api.Reply system = api.get("/engine-rest/filter", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM));
        assertThat(system.status()).isEqualTo(403);
        assertThat(system.error()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/engine-rest/process-instance", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM)).status())
                .isEqualTo(403);
    }
}
