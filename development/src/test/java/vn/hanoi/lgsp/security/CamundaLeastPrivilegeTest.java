package vn.hanoi.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * in the process engine everyone does their own part only — the
 * workers their topics, staff their agency's tasks, and a task's form decides what its
 * completion may set.
 */
class CamundaLeastPrivilegeTest extends PlatformTest {

    @Value("${lgsp.workers.client-secret}")
    String workersSecret;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    vn.hanoi.lgsp.connection.Incidents incidents;

    String workers;

    @BeforeEach
    void clients() {
        workers = keycloak.clientToken("lgsp-workers", workersSecret);
    }

    @Test
    void theWorkersIdentityFetchesAndCompletesOnlyItsOwnTopics() {
        // the call the attacker made: correlating a message into an incident escalation
        Api.Reply correlate = api.postJson("/engine-rest/message", workers,
                Map.of("messageName", "ConnectionRestored", "businessKey", "any"));
        assertThat(correlate.status()).isEqualTo(403);
        assertThat(correlate.code()).isEqualTo("01");
        assertThat(correlate.transactionId()).isNotBlank();
        assertThat(api.get("/engine-rest/process-instance", workers).status()).isEqualTo(403);
        assertThat(api.get("/engine-rest/task", workers).status()).isEqualTo(403);
        assertThat(api.get("/engine-rest/deployment", workers).status()).isEqualTo(403);
        assertThat(api.call("DELETE", "/engine-rest/process-instance/x", workers, Map.of(), null).status()).isEqualTo(403);

        Api.Reply foreignTopic = api.postJson("/engine-rest/external-task/fetchAndLock", workers, Map.of(
                "workerId", "intruder", "maxTasks", 1,
                "topics", List.of(Map.of("topicName", "incident-anything", "lockDuration", 1000))));
        assertThat(foreignTopic.status()).isEqualTo(403);
        assertThat(foreignTopic.message()).contains("incident-anything");
        Api.Reply mixed = api.postJson("/engine-rest/external-task/fetchAndLock", workers, Map.of(
                "workerId", "intruder", "maxTasks", 1, "topics", List.of(
                        Map.of("topicName", "deliver-local", "lockDuration", 1000),
                        Map.of("topicName", "other", "lockDuration", 1000))));
        assertThat(mixed.status()).isEqualTo(403);

        // its own topic works (narrowed to a process that does not exist, so no real task is taken)
        Api.Reply own = api.postJson("/engine-rest/external-task/fetchAndLock", workers, Map.of(
                "workerId", "probe", "maxTasks", 1, "topics", List.of(
                        Map.of("topicName", "deliver-local", "lockDuration", 1000, "processDefinitionKey", "none"))));
        assertThat(own.status()).isEqualTo(200);

        // and Camunda itself grants the workers only the processes that have their topics
        List<String> groups = List.of("lgsp-workers");
        assertThat(authorizations.isUserAuthorized("service-account-lgsp-workers", groups,
                ProcessDefinitionPermissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION, "record-exchange")).isTrue();
        for (String other : List.of("incident-escalation", "service-onboarding")) {
            assertThat(authorizations.isUserAuthorized("service-account-lgsp-workers", groups,
                    ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, other)).isFalse();
            assertThat(authorizations.isUserAuthorized("service-account-lgsp-workers", groups,
                    ProcessDefinitionPermissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION, other)).isFalse();
        }
    }

    @Test
    void aTaskIsCompletedWithItsOwnFormsFieldsOnlyAndByItsOwnAgencysStaffOnly() throws InterruptedException {
        ProcessInstance incident = startIncidentWithoutUnitStaff();
        Task fix = awaitTask(incident);
        String operator = keycloak.operatorToken();

        // another agency's staff neither see nor complete it (no fallback to every agency's staff)
        String justiceStaff = keycloak.staffToken("staff.stp");
        Api.Reply seen = api.get("/engine-rest/task?processInstanceId=" + incident.getId(), justiceStaff);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().size()).isZero();
        Api.Reply foreign = api.postJson("/engine-rest/task/" + fix.getId() + "/complete", justiceStaff,
                Map.of("variables", Map.of("fixOutcome", Map.of("value", "FIXED"))));
        assertThat(foreign.status()).isIn(403, 404);

        // a variable that is not on the form: refused, and the task is still open
        Api.Reply smuggled = api.postJson("/engine-rest/task/" + fix.getId() + "/complete", operator, Map.of(
                "variables", Map.of("fixOutcome", Map.of("value", "FIXED"), "leaderApproval", Map.of("value", true))));
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(smuggled.code()).isEqualTo("01");
        assertThat(smuggled.message()).contains("leaderApproval");
        // the form shows the agency code but does not let anyone change it
        Api.Reply readOnly = api.postJson("/engine-rest/task/" + fix.getId() + "/submit-form", operator, Map.of(
                "variables", Map.of("agencyCode", Map.of("value", "000.00.13.H26"))));
        assertThat(readOnly.status()).isEqualTo(400);
        assertThat(tasks.createTaskQuery().taskId(fix.getId()).count()).isOne();

        // nor can task variables be written past the form
        assertThat(api.put("/engine-rest/task/" + fix.getId() + "/variables/leaderApproval", operator,
                Map.of("value", true)).status()).isEqualTo(403);
        assertThat(api.postJson("/engine-rest/task/" + fix.getId() + "/variables", operator,
                Map.of("modifications", Map.of("fixOutcome", Map.of("value", "FIXED")))).status()).isEqualTo(403);
        assertThat(api.put("/engine-rest/task/" + fix.getId() + "/localVariables/x", operator,
                Map.of("value", 1)).status()).isEqualTo(403);
        assertThat(runtime.getVariable(incident.getId(), "leaderApproval")).isNull();

        // the form's own fields complete it
        Api.Reply done = api.postJson("/engine-rest/task/" + fix.getId() + "/complete", operator, Map.of(
                "variables", Map.of("fixOutcome", Map.of("value", "FIXED"), "cause", Map.of("value", "đứt cáp"))));
        assertThat(done.status()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(fix.getId()).count()).isZero();
    }

    private ProcessInstance startIncidentWithoutUnitStaff() {
        String agency = "000.00.14.H26";
        incidents.openFor(agency).ifPresent(open -> incidents.resolve(agency, "test", "earlier test"));
        String incidentId = incidents.open(agency, "DOWN", "least-privilege test", "test").incident().id().toString();
        Map<String, Object> variables = new HashMap<>();
        variables.put("incidentId", incidentId);
        variables.put("agencyCode", "000.00.14.H26");
        variables.put("agencyName", "000.00.14.H26");
        variables.put("kind", "DOWN");
        variables.put("detail", "least-privilege test");
        variables.put("consumers", 0);
        variables.put("consumerCodes", new ArrayList<>(List.<String>of()));
        variables.put("sensitiveData", false);
        variables.put("durationMinutes", 0);
        variables.put("unitStaff", new ArrayList<String>());
        variables.put("unitCandidateGroups", new ArrayList<>(List.of("dost-operators")));
        return runtime.startProcessInstanceByKey("incident-escalation", incidentId, variables);
    }

    private Task awaitTask(ProcessInstance instance) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_UnitFix")
                    .singleResult();
            if (task != null) {
                return task;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no fix task for " + instance.getId());
    }
}
