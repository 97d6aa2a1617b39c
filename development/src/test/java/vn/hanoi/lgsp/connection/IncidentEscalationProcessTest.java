package vn.hanoi.lgsp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * Every path of {@code incident-escalation}: the unit fixes it; 24 hours pass and DOST
 * takes over; the unit says it is beyond it; polling sees the system back while the unit or
 * DOST is working; several agencies affected → a report.
 */
class IncidentEscalationProcessTest extends ProcessTest {

    @Autowired
    Incidents incidents;
    @Autowired
    IncidentRegrading regrading;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void unitFixesItWithinTheDay() {
        Started s = start("000.00.14.H26", 0);
        assertThat(s.instance()).isWaitingAt("Task_UnitFix");
        Task fix = task(s);
        // no staff account for that unit: DOST's operators help, no other agency's staff see it
        assertThat(engine.getTaskService().getIdentityLinksForTask(fix.getId()))
                .anyMatch(l -> "dost-operators".equals(l.getGroupId()))
                .noneMatch(l -> "agency-staff".equals(l.getGroupId()));
        assertThat(fix.getDueDate()).isNotNull();

        complete(fix, Map.of("fixOutcome", "FIXED", "cause", "mất kết nối cơ sở dữ liệu", "isolated", true, "backedUp", true));
        execute(job(s.instance()));

        assertThat(s.instance()).isEnded().hasPassed("Task_NotifyResolved", "End_Closed").hasNotPassed("Task_DostSupport", "Task_Report");
        assertThat(incidents.find(s.incident().id()).orElseThrow().status()).isEqualTo("RESOLVED");
        assertThat(incidents.logOf(s.incident().id())).extracting(Incidents.LogEntry::action)
                .anyMatch(a -> a.startsWith("assessed")).anyMatch(a -> a.startsWith("notified"))
                .anyMatch(a -> a.startsWith("resolved")).anyMatch(a -> a.contains("fixed at"))
                .anyMatch(a -> a.startsWith("isolated: yes; important data backed up before fixing: yes"));
        // isolation and backup are on the incident's record, not only in the form (Đ12.5)
        Incidents.Incident handled = incidents.find(s.incident().id()).orElseThrow();
        assertThat(handled.severity()).isEqualTo("LOW");
        assertThat(handled.isolatedAt()).isNotNull();
        assertThat(handled.backedUpAt()).isNotNull();
        assertThat(handled.cause()).isEqualTo("mất kết nối cơ sở dữ liệu");
    }

    @Test
    void aFixWithoutIsolationOrBackupSaysSo() {
        Started s = start("000.00.30.H26", 0);
        complete(task(s), Map.of("fixOutcome", "FIXED", "cause", "cấu hình sai"));
        Incidents.Incident handled = incidents.find(s.incident().id()).orElseThrow();
        assertThat(handled.isolatedAt()).isNull();
        assertThat(handled.backedUpAt()).isNull();
        assertThat(incidents.logOf(s.incident().id())).extracting(Incidents.LogEntry::action)
                .anyMatch(a -> a.startsWith("isolated: no; important data backed up before fixing: no"));
    }

    /**
     * The severity rule on duration (an hour or more: HIGH) fires while the incident lasts, not
     * only when it is first graded at a duration of nothing; a grade never falls back.
     */
    @Test
    void anIncidentThatLastsIsGradedAgain() {
        Started s = start("000.00.12.H26", 0);
        assertThat(incidents.find(s.incident().id()).orElseThrow().severity()).isEqualTo("LOW");

        regrading.regrade(java.time.Instant.now().plus(java.time.Duration.ofMinutes(30)));
        assertThat(incidents.find(s.incident().id()).orElseThrow().severity()).as("half an hour").isEqualTo("LOW");
        regrading.regrade(java.time.Instant.now().plus(java.time.Duration.ofMinutes(61)));

        assertThat(incidents.find(s.incident().id()).orElseThrow().severity()).isEqualTo("HIGH");
        assertThat(engine.getRuntimeService().getVariable(s.instance().getId(), "severity")).isEqualTo("HIGH");
        assertThat(engine.getRuntimeService().getVariable(s.instance().getId(), "notifySupervisors")).isEqualTo(true);
        assertThat(incidents.logOf(s.incident().id())).extracting(Incidents.LogEntry::action)
                .filteredOn(a -> a.startsWith("graded again")).singleElement().asString()
                .contains("HIGH (was LOW)");
        regrading.regrade(java.time.Instant.now().plus(java.time.Duration.ofMinutes(90)));
        assertThat(incidents.logOf(s.incident().id())).extracting(Incidents.LogEntry::action)
                .filteredOn(a -> a.startsWith("graded again")).as("graded HIGH once").hasSize(1);
        assertThat(s.instance()).isWaitingAt("Task_UnitFix");
    }

    @Test
    void theUnitsOwnStaffGetTheTaskWhenTheyAreKnown() {
        Started s = start("000.00.13.H26", 0, List.of("staff.stp"));

        var links = engine.getTaskService().getIdentityLinksForTask(task(s).getId());
        assertThat(links).anyMatch(l -> "staff.stp".equals(l.getUserId()));
        assertThat(links).noneMatch(l -> "agency-staff".equals(l.getGroupId()));
        complete(task(s), Map.of("fixOutcome", "FIXED", "cause", "hết dung lượng đĩa"));
        execute(job(s.instance()));
        assertThat(s.instance()).isEnded();
    }

    @Test
    void twentyFourHoursWithoutAFixEscalateToDost() {
        Started s = start("000.00.15.H26", 0);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(s.instance().getId())
                .activityId("Timer_FixOverdue").timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(engine.getRuntimeService().getVariable(s.instance().getId(), "fixDue"));

        engine.getManagementService().executeJob(timer.getId());

        assertThat(s.instance()).isWaitingAt("Task_DostSupport");
        assertThat(incidents.logOf(s.incident().id())).extracting(Incidents.LogEntry::action)
                .anyMatch(a -> a.contains("not fixed within 24 hours"));
        complete(task(s), Map.of("supportNotes", "khởi động lại máy chủ"));
        execute(job(s.instance()));
        assertThat(s.instance()).isEnded().hasPassed("Task_DostSupport", "Task_NotifyResolved");
    }

    @Test
    void unitBeyondItsAbilityEscalatesAndPollingEndsTheWait() {
        Started s = start("000.01.12.H26", 0);
        complete(task(s), Map.of("fixOutcome", "BEYOND_ABILITY", "cause", "hỏng phần cứng"));

        assertThat(s.instance()).isWaitingAt("Task_DostSupport");
        engine.getRuntimeService().createMessageCorrelation(IncidentProcess.RESTORED)
                .processInstanceBusinessKey(s.incident().id().toString()).correlate();
        execute(job(s.instance()));

        assertThat(s.instance()).isEnded().hasPassed("Boundary_DostRestored", "Task_NotifyResolved");
    }

    @Test
    void systemBackWhileTheUnitWorksClosesTheWait() {
        Started s = start("000.00.62.H26", 0);
        engine.getRuntimeService().createMessageCorrelation(IncidentProcess.RESTORED)
                .processInstanceBusinessKey(s.incident().id().toString()).correlate();
        execute(job(s.instance()));

        assertThat(s.instance()).isEnded().hasPassed("Boundary_UnitRestored", "Task_NotifyResolved").hasNotPassed("Task_Report");
    }

    @Test
    void severalAgenciesAffectedNeedAReport() {
        // one of the consumers affected, with the contact it gave in its Form 02
        String consumerContact = "lien-he-" + UUID.randomUUID().toString().substring(0, 8) + "@stp.hanoi.demo";
        jdbc.update("""
                insert into lgsp.registration (id, request_type, agency_code, provider_code, service_code, service_version,
                    status, form, valid_at) values (?, 'CONSUMER', '000.00.13.H26', '000.00.63.H26', 'incident-test', 'v1',
                    'ACTIVE', ?::jsonb, now())""", UUID.randomUUID(),
                "{\"contact\": {\"email\": \"" + consumerContact + "\"}}");
        Started s = start("000.00.63.H26", 3, List.of(), List.of("000.00.13.H26"));
        complete(task(s), Map.of("fixOutcome", "FIXED", "cause", "chứng thư số hết hạn"));
        execute(job(s.instance()));

        assertThat(s.instance()).isWaitingAt("Task_Report");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task(s).getId()))
                .anyMatch(l -> "dost-operators".equals(l.getGroupId()));
        complete(task(s), Map.of("report", "Báo cáo sự cố: chứng thư số hết hạn lúc 8 giờ"));
        execute(job(s.instance()));
        assertThat(s.instance()).isEnded().hasPassed("Task_Report", "Task_SendReport");
        // the report is kept with the incident and reached the unit and DOST's leaders (Đ12.5)
        Incidents.Report report = incidents.reportOf(s.incident().id()).orElseThrow();
        assertThat(report.text()).isEqualTo("Báo cáo sự cố: chứng thư số hết hạn lúc 8 giờ");
        assertThat(report.sentTo()).as("the consumer affected, DOST's leaders and operators")
                .contains(consumerContact, "leader@lgsp.hanoi.demo", "operator@lgsp.hanoi.demo");
        assertThat(vn.hanoi.lgsp.support.ReceivedMail.bodiesTo(consumerContact))
                .anyMatch(body -> body.contains("chứng thư số hết hạn lúc 8 giờ"));
        assertThat(incidents.find(s.incident().id()).orElseThrow().reportedAt()).isNotNull();
        assertThat(incidents.logOf(s.incident().id())).extracting(Incidents.LogEntry::action)
                .anyMatch(a -> a.startsWith("report sent to"));
    }

    record Started(Incidents.Incident incident, ProcessInstance instance) {
    }

    /** An incident of a registered agency, with the given number of consumers depending on it. */
    private Started start(String agency, int consumers) {
        return start(agency, consumers, List.of());
    }

    private Started start(String agency, int consumers, List<String> staff) {
        return start(agency, consumers, staff, List.of());
    }

    private Started start(String agency, int consumers, List<String> staff, List<String> consumerCodes) {
        incidents.openFor(agency).ifPresent(open -> incidents.resolve(agency, "test", "earlier test run"));
        Incidents.Incident incident = incidents.open(agency, "DOWN", "DOWN for 3 consecutive checks", "test").incident();
        Map<String, Object> variables = new HashMap<>();
        variables.put("incidentId", incident.id().toString());
        variables.put("agencyCode", agency);
        variables.put("agencyName", agency);
        variables.put("kind", "DOWN");
        variables.put("detail", incident.detail());
        variables.put("consumers", consumers);
        variables.put("consumerCodes", new java.util.ArrayList<>(consumerCodes));
        variables.put("sensitiveData", false);
        variables.put("durationMinutes", 0);
        variables.put("unitStaff", new java.util.ArrayList<>(staff));
        variables.put("unitCandidateGroups", IncidentEscalation.unitCandidateGroups(staff));
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(IncidentProcess.PROCESS_KEY,
                incident.id().toString(), variables);
        execute(job(instance));
        execute(job(instance));
        return new Started(incident, instance);
    }

    private Task task(Started s) {
        return engine.getTaskService().createTaskQuery().processInstanceId(s.instance().getId()).singleResult();
    }

    private void complete(Task task, Map<String, Object> variables) {
        engine.getTaskService().complete(task.getId(), variables);
    }
}
