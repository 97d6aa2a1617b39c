package vn.hanoi.lgsp.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.devservices.DevServices;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * The LGSP's own Elasticsearch stops (Đ12): within a minute an incident of the LGSP is open for
 * DOST, with its task; when Elasticsearch is back the incident is resolved by itself and DOST's
 * wait ends.
 */
class LgspHealthWatchTest extends PlatformTest {

    private static final String RULE = HealthWatch.RULE_PREFIX + "elasticsearch";

    @Autowired
    LgspIncidents incidents;
    @Autowired
    TaskService tasks;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    DevServices servers = DevServices.current().orElseThrow();

    @AfterEach
    void elasticsearchBack() {
        if (incidents.openFor(RULE, "elasticsearch").isPresent() || !servers.started("elasticsearch")) {
            try {
                // the public status page says it is being handled
        String page = api.get("/trang-thai", null).raw().body();
        assertThat(page).contains("Sự cố đang xử lý", "data-component=\"elasticsearch\"");

        servers.restartElasticsearch();
            } catch (RuntimeException alreadyRunning) {
                // it was not stopped
            }
        }
    }

    /** The LGSP's own maintenance reaches every agency with a connected system, and the notices page (Đ11.6). */
    @Test
    void theLgspsMaintenanceIsAnnouncedToEveryConnectedAgency() {
        String contact = "ky-thuat-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@hoankiem.hanoi.demo";
        jdbc.update("""
                insert into lgsp.registration (id, request_type, agency_code, provider_code, service_code, service_version,
                    status, form, valid_at) values (?, 'CONSUMER', '000.00.61.H26', '000.00.13.H26', 'maintenance-test', 'v1',
                    'ACTIVE', ?::jsonb, now())""", java.util.UUID.randomUUID(),
                "{\"contact\": {\"email\": \"" + contact + "\"}}");
        String reason = "Nâng cấp PostgreSQL của LGSP " + java.util.UUID.randomUUID().toString().substring(0, 6);
        java.time.Instant starts = java.time.Instant.now().plus(Duration.ofHours(30));
        String operator = keycloak.staffToken("operator");
        vn.hanoi.lgsp.support.Api.Reply announced = api.postJson("/api/v1/monitoring/lgsp-maintenance", operator,
                java.util.Map.of("startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofHours(2)).toString(),
                        "reason", reason));
        assertThat(announced.status()).as(announced.body().toString()).isEqualTo(201);
        assertThat(vn.hanoi.lgsp.support.ReceivedMail.bodiesTo(contact)).anyMatch(body -> body.contains(reason));
        assertThat(api.get("/api/v1/notices?kind=MAINTENANCE", null).body().toString()).contains(reason);
        assertThat(api.postJson("/api/v1/monitoring/lgsp-maintenance", keycloak.staffToken("supervisor"),
                java.util.Map.of("startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofHours(2)).toString(),
                        "reason", reason)).status()).as("DOST's operators only").isEqualTo(403);
        assertThat(api.postJson("/api/v1/monitoring/lgsp-maintenance", operator, java.util.Map.of("startsAt",
                java.time.Instant.now().plus(Duration.ofHours(2)).toString(), "endsAt",
                java.time.Instant.now().plus(Duration.ofHours(3)).toString(), "reason", reason)).error())
                .as("24 hours ahead").isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void elasticsearchStoppedOpensAnIncidentForDostWithinAMinuteAndItsReturnResolvesIt() {
        incidents.openFor(RULE, "elasticsearch").ifPresent(i -> incidents.resolve(i.id(), "test", "earlier"));
        servers.stopElasticsearch();

        LgspIncidents.LgspIncident incident = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> incidents.openFor(RULE, "elasticsearch"), Optional::isPresent).orElseThrow();
        assertThat(incident.category()).isEqualTo(LgspIncidents.Category.HEALTH);
        assertThat(incident.detail()).startsWith("elasticsearch is failing");
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processDefinitionKey(LgspIncidentProcess.PROCESS_KEY).processInstanceBusinessKey(incident.id().toString())
                .taskCandidateGroup("dost-operators").count() == 1);

        servers.restartElasticsearch();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "RESOLVED".equals(incidents.find(incident.id()).orElseThrow().status()));
        assertThat(incidents.find(incident.id()).orElseThrow().resolution()).isEqualTo("elasticsearch answers again");
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(incident.id().toString()).count() == 0);
    }
}
