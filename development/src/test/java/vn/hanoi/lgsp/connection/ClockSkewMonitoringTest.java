package vn.hanoi.lgsp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Đ7.4 against the real stack: every level-1 check reads the system's clock from the
 * time in its status answer. A simulated system 10 s off is flagged — one CLOCK_SKEW incident,
 * its owner and DOST told, the skew on the status board and in the history — and back in sync
 * the incident is resolved; a system in sync raises nothing; one that gives no time has no
 * skew (not 0) and raises nothing.
 */
class ClockSkewMonitoringTest extends PlatformTest {

    static final String DOST = "000.00.12.H26";
    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    static final Duration OFF = Duration.ofSeconds(10);

    @Autowired
    Simulators simulators;
    @Autowired
    Incidents incidents;
    @Autowired
    StatusHistory history;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @AfterEach
    void clocksBackInSync() {
        for (String agency : List.of(DOST, JUSTICE, WARD)) {
            AgencySystemSimulator system = simulators.agency(agency).orElseThrow();
            system.behaviour().setClockOffset(Duration.ZERO);
            system.setHealthMode(AgencySystemSimulator.HealthMode.UP);
        }
    }

    @Test
    void aSystemTenSecondsOffIsFlaggedOnceAndShownOnTheBoardUntilItsClockIsBack() {
        Instant before = Instant.now();
        simulators.agency(DOST).orElseThrow().behaviour().setClockOffset(OFF);

        await().atMost(Duration.ofSeconds(30)).until(() -> incidents.openFor(DOST, Incidents.CLOCK_SKEW).isPresent());
        Incidents.Incident incident = incidents.openFor(DOST, Incidents.CLOCK_SKEW).orElseThrow();
        assertThat(incident.kind()).isEqualTo("CLOCK_SKEW");
        assertThat(incident.detail()).contains("ahead of the LGSP's");
        // the system answers all the while: no incident about its availability
        assertThat(incidents.openFor(DOST)).isEmpty();

        // the status board and the monitoring API show the skew: 10 s, give or take the round trip
        String operator = keycloak.operatorToken();
        JsonNode row = boardRow(api, operator, DOST);
        assertThat(row.path("clockSkewMs").isIntegralNumber()).as(row.toString()).isTrue();
        assertThat(row.path("clockSkewMs").asLong()).isBetween(9_000L, 11_000L);
        assertThat(row.path("openIncidents").findValuesAsText("kind")).contains("CLOCK_SKEW");
        Api.Reply status = api.get("/api/v1/monitoring/connection-status?agency=" + DOST, operator);
        assertThat(status.body().path("current").path("clockSkewMs").asLong()).isBetween(9_000L, 11_000L);
        // and every check keeps its own in the history
        await().atMost(Duration.ofSeconds(30)).until(() -> history.history(DOST, before, Instant.now(), 100).stream()
                .filter(c -> c.level() == StatusCheckDocument.SYSTEM && c.clockSkewMs() != null)
                .filter(c -> c.clockSkewMs() >= 9_000 && c.clockSkewMs() <= 11_000).count() >= 3);

        // more skewed checks pass; still that one incident
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> clockIncidentsSince(DOST, before) == 1);
        // its escalation: the owner's fix task, DOST told
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(incident.id().toString()).taskDefinitionKey("Task_UnitFix").count() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("operator@lgsp.hanoi.demo").stream()
                .anyMatch(body -> body.contains(incident.detail())));
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incident.id().toString())
                .singleResult()).isNotNull();

        simulators.agency(DOST).orElseThrow().behaviour().setClockOffset(Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).until(() -> incidents.find(incident.id()).orElseThrow().status().equals("RESOLVED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(incident.id().toString()).finished().count() == 1);
        assertThat(incidents.logOf(incident.id())).extracting(Incidents.LogEntry::action)
                .anyMatch(a -> a.startsWith("opened")).anyMatch(a -> a.startsWith("resolved: clock within"));
        assertThat(Math.abs(boardRow(api, operator, DOST).path("clockSkewMs").asLong())).isLessThan(1_000L);
    }

    @Test
    void aSystemInSyncRaisesNoClockSkewIncident() {
        Instant before = Instant.now();
        String operator = keycloak.operatorToken();

        // measured, and near zero: the simulator runs on the LGSP's own clock
        await().atMost(Duration.ofSeconds(30)).until(() -> checkedSince(boardRow(api, operator, JUSTICE), before));
        JsonNode row = boardRow(api, operator, JUSTICE);
        assertThat(row.path("clockSkewMs").isIntegralNumber()).as(row.toString()).isTrue();
        assertThat(Math.abs(row.path("clockSkewMs").asLong())).isLessThan(1_000L);

        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> clockIncidentsSince(JUSTICE, before) == 0);
        assertThat(incidents.openFor(JUSTICE, Incidents.CLOCK_SKEW)).isEmpty();
    }

    @Test
    void aSystemThatGivesNoTimeHasNoSkewAndRaisesNothing() {
        AgencySystemSimulator ward = simulators.agency(WARD).orElseThrow();
        // were its time read, this clock would be flagged
        ward.behaviour().setClockOffset(OFF);
        ward.setHealthMode(AgencySystemSimulator.HealthMode.NO_TIME);
        Instant before = Instant.now();
        String operator = keycloak.operatorToken();

        await().atMost(Duration.ofSeconds(30)).until(() -> checkedSince(boardRow(api, operator, WARD), before));
        JsonNode row = boardRow(api, operator, WARD);
        assertThat(row.has("clockSkewMs")).as(row.toString()).isTrue();
        assertThat(row.path("clockSkewMs").isNull()).as("no time is an unknown skew, not 0: " + row).isTrue();
        assertThat(row.path("state").asText()).isEqualTo("UP");

        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> clockIncidentsSince(WARD, before) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> history.history(WARD, before, Instant.now(), 100).stream()
                .filter(c -> c.level() == StatusCheckDocument.SYSTEM && c.timestamp().isAfter(before.plusSeconds(1)))
                .count() >= 2);
        assertThat(history.history(WARD, before.plusSeconds(1), Instant.now(), 100)).filteredOn(c -> c.level() == 1)
                .isNotEmpty().allMatch(c -> c.clockSkewMs() == null && c.state() == StatusCheckDocument.State.UP);
    }

    private long clockIncidentsSince(String agency, Instant since) {
        return incidents.forAgency(agency).stream()
                .filter(i -> i.kind().equals(Incidents.CLOCK_SKEW) && i.openedAt().isAfter(since)).count();
    }

    private static boolean checkedSince(JsonNode row, Instant since) {
        return row.hasNonNull("lastCheckAt") && Instant.parse(row.path("lastCheckAt").asText()).isAfter(since.plusSeconds(1));
    }

    private static JsonNode boardRow(Api api, String token, String agency) {
        Api.Reply board = api.get("/api/v1/monitoring/systems?agency=" + agency, token);
        assertThat(board.status()).as(board.body().toString()).isEqualTo(200);
        for (JsonNode system : board.body().path("systems")) {
            if (agency.equals(system.path("agencyCode").asText())) {
                return system;
            }
        }
        throw new AssertionError("no row of " + agency + " on the board: " + board.body());
    }

    private static List<String> mailTo(String address) {
        return vn.hanoi.lgsp.support.ReceivedMail.bodiesTo(address);
    }
}
