package vn.hanoi.lgsp.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.reconciliation.ReconciliationProcess.Variables;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * The late path of {@code monthly-reconciliation} with the engine's clock moved (App1 §3.6):
 * the partner that has not reported is reminded after 3 working days; at 5 the reporting
 * closes, the missing side counts as a difference and DOST's operators settle it; a
 * settlement left blank is refused.
 */
class ReconciliationProcessTest extends ProcessTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    /** Tuesday 3 March 2026, 10:00 in Hanoi: a working day well clear of Tết. */
    static final Instant START = LocalDate.of(2026, 3, 3).atTime(10, 0).atZone(Reconciliations.HANOI).toInstant();

    @Autowired
    Reconciliations reconciliations;
    @Autowired
    WorkingDayCalendar workingDays;
    @Autowired
    vn.hanoi.lgsp.catalog.ServiceCatalog catalog;

    @BeforeEach
    void startClock() {
        ClockUtil.setCurrentTime(Date.from(START));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aSideThatNeverReportsIsRemindedThenCountedAsADifferenceForDostToSettle() {
        String period = "2019-10";
        String id = engine.getRuntimeService().startProcessInstanceByMessage(ReconciliationProcess.MESSAGE_REQUESTED,
                Map.of(Variables.PERIOD, period)).getId();
        assertThat(instance(id)).isWaitingAt("Timer_Reminder");
        assertThat(timer(id, "Timer_Reminder").getDuedate())
                .isEqualTo(Date.from(workingDays.deadline(START, ReconciliationProcess.REMINDER_WORKING_DAYS)));
        assertThat(reconciliations.find(period).orElseThrow().uploadDue())
                .isEqualTo(workingDays.deadline(START, ReconciliationProcess.UPLOAD_WORKING_DAYS));

        // the provider reports a line of its service; the consumer never does
        catalog.register(new vn.hanoi.lgsp.catalog.ServiceCatalog.NewService("svc-late", "Tra cứu thử", null, JUSTICE,
                vn.hanoi.lgsp.catalog.DataClassification.PUBLIC, "v1", "http://127.0.0.1:9/api", null, null, null, null),
                "test");
        boolean complete = reconciliations.report(period, JUSTICE,
                List.of(new Reconciliations.Report(JUSTICE, WARD, "svc-late", 5L, 5L, 0L)));
        assertThat(complete).isFalse();
        assertThat(reconciliations.missingReports(period)).containsExactly(WARD);

        fire(id, "Timer_Reminder");
        assertThat(instance(id)).hasPassed("Task_Remind").isWaitingAt("Timer_UploadDue");

        fire(id, "Timer_UploadDue");
        runAsync(id);
        assertThat(instance(id)).isWaitingAt("Task_Settle");
        assertThat(engine.getRuntimeService().getVariable(id, Variables.DIFFERENCES)).isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariable(id, Variables.DIFFERENCE_SUMMARY).toString())
                .contains("svc-late").contains("bên khai thác chưa gửi");
        assertThat(reconciliations.find(period).orElseThrow().status()).isEqualTo(Reconciliations.Status.SETTLING);
        // reporting is closed now
        assertThatThrownBy(() -> reconciliations.report(period, WARD,
                List.of(new Reconciliations.Report(JUSTICE, WARD, "svc-late", 5L, 5L, 0L))))
                .hasMessageContaining("no longer takes counts");

        String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
        engine.getIdentityService().setAuthentication("operator", List.of("dost-operators"));
        try {
            assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(Variables.SETTLEMENT, " ")))
                    .hasMessageContaining("settlement is required");
            engine.getTaskService().complete(task, Map.of(Variables.SETTLEMENT,
                    "Phường xác nhận 5 lượt qua điện thoại"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(instance(id)).as("ended").isNull();
        Reconciliations.Period closed = reconciliations.find(period).orElseThrow();
        assertThat(closed.status()).isEqualTo(Reconciliations.Status.CLOSED);
        assertThat(closed.settledBy()).isEqualTo("operator");
        assertThat(closed.outcome()).contains("Phường xác nhận 5 lượt");
    }

    @Test
    void aMonthIsOpenedOnce() {
        String period = "2019-11";
        engine.getRuntimeService().startProcessInstanceByMessage(ReconciliationProcess.MESSAGE_REQUESTED,
                Map.of(Variables.PERIOD, period));
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByMessage(
                ReconciliationProcess.MESSAGE_REQUESTED, Map.of(Variables.PERIOD, period)))
                .hasMessageContaining("already open");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("reconciliation-" + period).count()).isEqualTo(1);
    }

    private ProcessInstance instance(String id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private Job timer(String id, String activity) {
        return engine.getManagementService().createJobQuery().processInstanceId(id).activityId(activity).timers()
                .singleResult();
    }

    private void fire(String id, String activity) {
        Job job = timer(id, activity);
        ClockUtil.setCurrentTime(job.getDuedate());
        engine.getManagementService().executeJob(job.getId());
    }

    private void runAsync(String id) {
        for (Job job : engine.getManagementService().createJobQuery().processInstanceId(id).messages().list()) {
            engine.getManagementService().executeJob(job.getId());
        }
    }
}
