package vn.hanoi.lgsp.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * The monthly timer of {@code periodic-report} with the engine's clock moved (Đ16.13): on
 * 20 April it drafts March and, March closing a quarter, starts Q1's reports as an instance of
 * their own; on 20 May it finds April already reported on demand and ends without drafting.
 */
class PeriodicReportTimerTest extends ProcessTest {

    @Autowired
    PeriodicReports reports;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theTwentiethDraftsTheMonthBeforeStartsTheQuarterAtItsEndAndSkipsAMonthDoneOnDemand() {
        fireMonthlyTimerOn(LocalDate.of(2026, 4, 20));
        ProcessInstance march = byKey("report-2026-03");
        ProcessInstance quarter = byKey("report-2026-Q1");
        assertThat(march).isWaitingAt("Task_Generate");
        assertThat(quarter).isWaitingAt("Task_Generate");
        assertThat(reports.exists("2026-03")).isTrue();
        assertThat(reports.exists("2026-Q1")).isTrue();

        // April is asked for on demand, early in May, before the timer comes to it
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 5, 4).atTime(9, 0).atZone(ReportPeriod.HANOI).toInstant()));
        engine.getRuntimeService().startProcessInstanceByMessage(PeriodicReportProcess.MESSAGE_REQUESTED,
                Map.of(PeriodicReportProcess.Variables.PERIOD, "2026-04"));
        long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(
                PeriodicReportProcess.PROCESS_KEY).count();
        fireMonthlyTimerOn(LocalDate.of(2026, 5, 20));
        // the timer's instance ended at once: no second April, no quarter (April closes none)
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(
                PeriodicReportProcess.PROCESS_KEY).count()).isEqualTo(before);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("End_AlreadyReported")
                .count()).isEqualTo(1);
    }

    private void fireMonthlyTimerOn(LocalDate day) {
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(PeriodicReportProcess.PROCESS_KEY)
                .timers().list().stream().filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
        ClockUtil.setCurrentTime(Date.from(day.atTime(7, 0).atZone(ReportPeriod.HANOI).toInstant()));
        engine.getManagementService().executeJob(timer.getId());
    }

    private ProcessInstance byKey(String businessKey) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult();
    }
}
