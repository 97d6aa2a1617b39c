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
