package vn.hanoi.lgsp.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/**
 * A change of an agency's system as DOST makes it: an operator asks, a leader approves it in
 * the engine (as Tasklist does). For tests that need a system registered a certain way.
 */
public final class SystemChangeApproval {

    private SystemChangeApproval() {
    }

    /** Asks for the change as {@code operator} and has {@code leader} approve it; returns the request's answer. */
    public static Api.Reply applied(Api api, Keycloak keycloak, String agency, Map<String, Object> system) {
        Api.Reply asked = api.put("/api/v1/agencies/" + agency + "/system", keycloak.operatorToken(), system);
        if (asked.status() == 200) {
            return asked;
        }
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(202);
        String changeId = asked.body().path("change").path("id").asText();
        decide(api, keycloak, "leader", changeId, "APPROVE");
        JsonNode change = api.get("/api/v1/agencies/" + agency + "/system/changes/" + changeId, keycloak.operatorToken())
                .body().path("change");
        assertThat(change.path("status").asText()).as(change.toString()).isEqualTo("APPROVED");
        return asked;
    }

    /** Completes the approval task of the change as {@code staff}. */
    public static Api.Reply decide(Api api, Keycloak keycloak, String staff, String changeId, String decision) {
        String token = keycloak.staffToken(staff);
        JsonNode[] task = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + changeId, token).body();
            task[0] = tasks.isArray() && tasks.size() == 1 ? tasks.get(0) : null;
            return task[0] != null;
        });
        return api.postJson("/engine-rest/task/" + task[0].path("id").asText() + "/complete", token,
                Map.of("variables", Map.of("decision", Map.of("value", decision),
                        "decisionNote", Map.of("value", "đã xem xét"))));
    }
}
