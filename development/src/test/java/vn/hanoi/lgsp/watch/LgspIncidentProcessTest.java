package vn.hanoi.lgsp.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.contract.SecuritySignal;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * Both paths of {@code lgsp-incident} (Đ7.7, Đ12): a failing component that answers again ends
 * DOST's wait by itself; a security finding is handled by DOST within 24 hours and its
 * resolution kept. Severity by the {@code lgsp-incident-severity} table; one incident per rule and
 * subject, further findings counted on it.
 */
class LgspIncidentProcessTest extends ProcessTest {

    @Autowired
    LgspIncidents incidents;

    @Test
    void aComponentThatAnswersAgainResolvesItsIncident() {
        String subject = "test-component-" + UUID.randomUUID().toString().substring(0, 8);
        LgspIncidents.Opened opened = incidents.open(LgspIncidents.Category.HEALTH, HealthWatch.RULE_PREFIX + "elasticsearch",
                subject, "elasticsearch is failing: connection refused");
        assertThat(opened.created()).isTrue();
        assertThat(incidents.open(LgspIncidents.Category.HEALTH, HealthWatch.RULE_PREFIX + "elasticsearch", subject,
                "again").created()).as("one open per rule and subject").isFalse();
        ProcessInstance instance = instance(opened.incident().id());
        execute(job(instance));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DostHandles");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("dost-operators")
                .count()).isOne();
        assertThat(task.getDueDate().toInstant()).isBetween(Instant.now().plus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(25)));
        LgspIncidents.LgspIncident graded = incidents.find(opened.incident().id()).orElseThrow();
        assertThat(graded.severity()).isEqualTo("HIGH");
        assertThat(graded.occurrences()).isEqualTo(2);

        incidents.recovered(HealthWatch.RULE_PREFIX + "elasticsearch", subject, "elasticsearch answers again");
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Boundary_Recovered", "Task_NotifyResolved");
        LgspIncidents.LgspIncident resolved = incidents.find(opened.incident().id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo("RESOLVED");
        assertThat(resolved.resolution()).isEqualTo("elasticsearch answers again");
    }

    @Test
    void aSecurityFindingIsHandledByDostAndItsResolutionKept() {
        String subject = "audit journal " + UUID.randomUUID().toString().substring(0, 8);
        LgspIncidents.Opened opened = incidents.open(LgspIncidents.Category.SECURITY, SecuritySignal.JOURNAL_TAMPERED,
                subject, "1 problems");
        ProcessInstance instance = instance(opened.incident().id());
        execute(job(instance));
        execute(job(instance));
        assertThat(incidents.find(opened.incident().id()).orElseThrow().severity()).isEqualTo("CRITICAL");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "notifyLeaders")).isEqualTo(true);

        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        engine.getTaskService().complete(task.getId(), Map.of("resolution",
                "Khôi phục bản ghi từ bản sao lưu; đổi mật khẩu quản trị cơ sở dữ liệu"));
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Task_DostHandles", "Task_NotifyResolved");
        LgspIncidents.LgspIncident resolved = incidents.find(opened.incident().id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo("RESOLVED");
        assertThat(resolved.resolution()).startsWith("Khôi phục bản ghi");
        assertThat(incidents.openFor(SecuritySignal.JOURNAL_TAMPERED, subject)).isEmpty();
    }

    private ProcessInstance instance(UUID incident) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(LgspIncidentProcess.PROCESS_KEY)
                .processInstanceBusinessKey(incident.toString()).singleResult();
    }
}
