package vn.hanoi.lgsp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.monitoring.StatusCheckDocument;
import vn.hanoi.lgsp.monitoring.StatusHistory;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * against the real stack: a simulated system goes down, its checks are
 * stored in Elasticsearch, one incident opens (not one per failed check), its escalation
 * process mails the parties, 24 hours later (by the engine's clock) DOST takes over, and
 * when polling sees the system back the incident is resolved and everyone told;
 * maintenance must be announced 24 hours ahead and keeps checks inside its window from
 * raising incidents.
 */
class ConnectionMonitoringTest extends PlatformTest {

    static final String WARD = "000.00.61.H26";
    static final String DOST = "000.00.12.H26";

    @Autowired
    Simulators simulators;
    @Autowired
    Incidents incidents;
    @Autowired
    StatusHistory history;
    @Autowired
    ConnectionMonitor monitor;
    @Autowired
    Maintenance maintenance;
    @Autowired
    vn.hanoi.lgsp.identity.KeycloakAdmin staffOf;

    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    private org.camunda.bpm.engine.task.Task unitTask(Incidents.Incident incident) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(incident.id().toString())
                .taskDefinitionKey("Task_UnitFix").singleResult();
    }

    private Object variable(Incidents.Incident incident, String name) {
        var instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(incident.id().toString()).singleResult();
        return instance == null ? null : engine.getRuntimeService().getVariable(instance.getId(), name);
    }

    private static List<String> mailTo(String address) {
        return vn.hanoi.lgsp.support.ReceivedMail.subjectsTo(address);
    }

    @AfterEach
    void wardBackUp() {
        simulators.agency(WARD).orElseThrow().behaviour().setDown(false);
    }

    @Test
    void systemDownOpensOneIncidentWhichPollingResolvesWhenItIsBack() {
        AgencySystemSimulator ward = simulators.agency(WARD).orElseThrow();
        Instant before = Instant.now();
        ward.behaviour().setDown(true);

        await().atMost(Duration.ofSeconds(30)).until(() -> incidents.openFor(WARD).isPresent());
        Incidents.Incident incident = incidents.openFor(WARD).orElseThrow();
        assertThat(incident.kind()).isEqualTo("DOWN");
        // more failed checks pass; still that one incident
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> incidents.forAgency(WARD).stream()
                .filter(i -> i.openedAt().isAfter(before)).count() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> history.history(WARD, before, Instant.now(), 100).stream()
                .filter(c -> c.level() == 1).map(StatusCheckDocument::state)
                .filter(StatusCheckDocument.State.DOWN::equals).count() >= 3);

        // the escalation process: the owning unit's task, notices caught by the SMTP server
        await().atMost(Duration.ofSeconds(30)).until(() -> unitTask(incident) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("operator@lgsp.hanoi.demo")
                .contains("[LGSP Hà Nội] Sự cố kết nối " + WARD + " (" + variable(incident, "severity") + ")"));

        // 24 hours later by the engine's clock, not by waiting: escalated to DOST
        String instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(incident.id().toString()).singleResult().getId();
        Job overdue = engine.getManagementService().createJobQuery().processInstanceId(instance)
                .activityId("Timer_FixOverdue").singleResult();
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(24)).plusSeconds(60)));
        try {
            engine.getManagementService().executeJob(overdue.getId());
        } finally {
            ClockUtil.reset();
        }
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(incident.id().toString())
                .taskDefinitionKey("Task_DostSupport").taskCandidateGroup("dost-operators").count()).isEqualTo(1);

        ward.behaviour().setDown(false);

        await().atMost(Duration.ofSeconds(30)).until(() -> incidents.find(incident.id()).orElseThrow().status().equals("RESOLVED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("operator@lgsp.hanoi.demo")
                .contains("[LGSP Hà Nội] Đã khắc phục sự cố kết nối " + WARD));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(incident.id().toString()).finished().count() == 1);
        assertThat(incidents.logOf(incident.id())).extracting(Incidents.LogEntry::action)
                .anyMatch(a -> a.startsWith("opened")).anyMatch(a -> a.startsWith("resolved"));
        assertThat(incidents.forAgency(WARD).stream().filter(i -> i.openedAt().isAfter(before))).hasSize(1);
    }

    @Test
    void maintenanceAnnouncedTwentyFiveHoursAheadIsAcceptedAndTwoHoursAheadRefused() {
        String ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD));
        Instant now = Instant.now();

        Api.Reply accepted = api.postJson("/api/v1/maintenance", ward, Map.of("agencyCode", WARD,
                "startsAt", now.plus(Duration.ofHours(25)).toString(), "endsAt", now.plus(Duration.ofHours(27)).toString(),
                "reason", "Nâng cấp máy chủ"));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("operator@lgsp.hanoi.demo")
                .contains("[LGSP Hà Nội] Thông báo bảo trì hệ thống " + WARD));

        Api.Reply refused = api.postJson("/api/v1/maintenance", ward, Map.of("agencyCode", WARD,
                "startsAt", now.plus(Duration.ofHours(2)).toString(), "endsAt", now.plus(Duration.ofHours(3)).toString(),
                "reason", "Khẩn cấp"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("01");
        assertThat(refused.message()).contains("at least 24 hours ahead");

        Api.Reply notOwn = api.postJson("/api/v1/maintenance", ward, Map.of("agencyCode", DOST,
                "startsAt", now.plus(Duration.ofHours(30)).toString(), "endsAt", now.plus(Duration.ofHours(31)).toString(),
                "reason", "Không phải hệ thống của mình"));
        assertThat(notOwn.status()).isEqualTo(403);
    }

    @Test
    void staffRaiseAnIncidentPollingCannotSee() {
        String dost = keycloak.operatorToken();
        String finance = "000.00.14.H26";

        Api.Reply raised = api.postJson("/api/v1/incidents", dost, Map.of("agencyCode", finance,
                "detail", "Dữ liệu trả về sai định dạng từ 9 giờ sáng"));
        assertThat(raised.status()).as(raised.body().toString()).isEqualTo(201);
        Incidents.Incident incident = incidents.openFor(finance).orElseThrow();
        assertThat(incident.kind()).isEqualTo("STAFF");
        assertThat(staffOf.staffOf("000.00.13.H26")).as("staff accounts are found by their agency_code").contains("staff.stp");
        await().atMost(Duration.ofSeconds(30)).until(() -> unitTask(incident) != null);

        Api.Reply again = api.postJson("/api/v1/incidents", dost, Map.of("agencyCode", finance, "detail", "Vẫn lỗi"));
        assertThat(again.body().path("incident").path("id").asText()).isEqualTo(incident.id().toString());
        assertThat(incidents.logOf(incident.id())).extracting(Incidents.LogEntry::action).anyMatch(a -> a.contains("Vẫn lỗi"));

        Api.Reply unknown = api.postJson("/api/v1/incidents", dost, Map.of("agencyCode", "000.00.98.H26", "detail", "x"));
        assertThat(unknown.error()).isEqualTo("UNKNOWN_AGENCY");
        assertThat(api.postJson("/api/v1/incidents", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM),
                Map.of("agencyCode", finance, "detail", "x")).status()).isEqualTo(403);
    }

    @Test
    void checksInsideAMaintenanceWindowRaiseNoIncident() {
        Instant now = Instant.now();
        Maintenance.Window window = maintenance.announce(DOST, now.plus(Duration.ofHours(25)), now.plus(Duration.ofHours(26)),
                "Bảo trì định kỳ", "test");
        Instant inside = window.startsAt().plus(Duration.ofMinutes(10));

        // the checks carry the time they were made: here, inside the window
        for (int i = 0; i < 5; i++) {
            monitor.record(new CheckOutcome(DOST, "http://127.0.0.1:9", inside.plusSeconds(i), CheckOutcome.State.DOWN, null,
                    0, "connection refused", List.of(), null), Duration.ofSeconds(1));
        }

        assertThat(incidents.openFor(DOST)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> history.history(DOST, inside.minusSeconds(1), inside.plusSeconds(10), 20)
                .stream().filter(c -> c.level() == 1)
                .anyMatch(c -> c.state() == StatusCheckDocument.State.MAINTENANCE && c.maintenance()));
    }
}
