package vn.hanoi.lgsp.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.YearMonth;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * {@code security-report} on the engine alone (Đ12.2): the 1st of the month drafts the month
 * before and a DOST leader approves it; a month drafted on demand and refused is on record as
 * refused, with the leader's words.
 */
class SecurityReportProcessTest extends ProcessTest {

    @Autowired
    SecurityReport report;

    @Test
    void theFirstOfTheMonthDraftsTheMonthBeforeAndALeaderApprovesIt() {
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(SecurityReportProcess.PROCESS_KEY)
                .timers().singleResult();
        assertThat(timer).as("the monthly timer").isNotNull();
        engine.getManagementService().executeJob(timer.getId());
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(SecurityReportProcess.PROCESS_KEY).active().list().stream()
                .filter(i -> engine.getRuntimeService().getVariable(i.getId(), "month") == null).findFirst().orElseThrow();
        execute(job(instance));

        YearMonth before = YearMonth.now(SecurityReport.HANOI).minusMonths(1);
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "month")).isEqualTo(before.toString());
        assertThat(report.approval(before).orElseThrow().status()).isEqualTo("DRAFT");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("dost-leaders")
                .count()).isOne();
        assertThat((String) engine.getRuntimeService().getVariable(instance.getId(), "reportSummary"))
                .contains("sự cố an toàn thông tin");

        engine.getTaskService().complete(task.getId(), Map.of("decision", SecurityReportProcess.APPROVE));

        assertThat(instance).isEnded().hasPassed("Task_Record");
        assertThat(report.approval(before).orElseThrow().status()).isEqualTo("APPROVED");
    }

    @Test
    void aMonthDraftedOnDemandAndRefusedIsOnRecordAsRefused() {
        YearMonth month = YearMonth.now(SecurityReport.HANOI);
        ProcessInstance instance = engine.getRuntimeService().createMessageCorrelation(
                SecurityReportProcess.MESSAGE_REQUESTED).setVariable("month", month.toString()).correlateStartMessage();
        execute(job(instance));
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        engine.getTaskService().complete(task.getId(), Map.of("decision", SecurityReportProcess.REJECT,
                "decisionNote", "Thiếu phân tích nguyên nhân"));

        assertThat(instance).isEnded();
        SecurityReport.Approval approval = report.approval(month).orElseThrow();
        assertThat(approval.status()).isEqualTo("REJECTED");
        assertThat(approval.note()).isEqualTo("Thiếu phân tích nguyên nhân");
    }
}
