package vn.hanoi.lgsp.agency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.SystemChangeApproval;

/**
 * where the LGSP sends an agency's records changes only when
 * a DOST leader approves it in Tasklist — never on the word of the one who asked — and the
 * request, the decision and both values are journaled.
 */
class AgencySystemChangeTest extends PlatformTest {

    static final String WARD = "000.00.61.H26";

    @Test
    void aChangeIsAppliedOnlyOnceALeaderApprovesItAndNeverByItsOwnRequester() {
        String operator = keycloak.operatorToken();
        JsonNode original = system(api, operator);
        String moved = original.path("baseUrl").asText() + "/v2";
        Map<String, Object> change = Map.of("baseUrl", moved, "pushEnabled", true);
        try {
            Api.Reply asked = api.put("/api/v1/agencies/" + WARD + "/system", operator, change);
            assertThat(asked.status()).isEqualTo(202);
            assertThat(asked.code()).isEqualTo("00");
            String first = asked.body().path("change").path("id").asText();
            assertThat(asked.body().path("change").path("status").asText()).isEqualTo("PENDING");
            assertThat(system(api, operator).path("baseUrl").asText()).as("nothing changes before approval")
                    .isEqualTo(original.path("baseUrl").asText());

            // a reviewer is not a leader: the task is not theirs to see
            Api.Reply reviewerTasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + first,
                    keycloak.staffToken("reviewer"));
            assertThat(reviewerTasks.body().size()).isZero();

            // refused by the leader: still nothing changes
            assertThat(SystemChangeApproval.decide(api, keycloak, "leader", first, "REJECT").status()).isEqualTo(204);
            assertThat(change(api, operator, first).path("status").asText()).isEqualTo("REJECTED");
            assertThat(change(api, operator, first).path("decidedBy").asText()).isEqualTo("leader");
            assertThat(system(api, operator).path("baseUrl").asText()).isEqualTo(original.path("baseUrl").asText());

            // asked and "approved" by the same person (an administrator may complete any task): refused
            String admin = keycloak.staffToken("lgsp-admin");
            String own = api.put("/api/v1/agencies/" + WARD + "/system", admin, change).body().path("change").path("id").asText();
            assertThat(SystemChangeApproval.decide(api, keycloak, "lgsp-admin", own, "APPROVE").status()).isEqualTo(204);
            JsonNode selfApproved = change(api, operator, own);
            assertThat(selfApproved.path("status").asText()).isEqualTo("REJECTED");
            assertThat(selfApproved.path("decisionNote").asText()).contains("requester");
            assertThat(system(api, operator).path("baseUrl").asText()).isEqualTo(original.path("baseUrl").asText());

            // approved by a leader: applied
            SystemChangeApproval.applied(api, keycloak, WARD, change);
            assertThat(system(api, operator).path("baseUrl").asText()).isEqualTo(moved);
            JsonNode history = api.get("/api/v1/agencies/" + WARD + "/system/changes", operator).body().path("changes");
            assertThat(history.findValuesAsText("status")).contains("APPROVED", "REJECTED");

            // an agency's system sees none of it
            assertThat(api.get("/api/v1/agencies/" + WARD + "/system/changes",
                    keycloak.clientToken(Keycloak.JUSTICE_SYSTEM)).status()).isEqualTo(403);
        } finally {
            SystemChangeApproval.applied(api, keycloak, WARD,
                    Map.of("baseUrl", original.path("baseUrl").asText(), "pushEnabled", true));
        }
    }

    private static JsonNode system(Api api, String token) {
        return api.get("/api/v1/agencies/" + WARD + "/system", token).body().path("system");
    }

    private static JsonNode change(Api api, String token, String id) {
        return api.get("/api/v1/agencies/" + WARD + "/system/changes/" + id, token).body().path("change");
    }
}
