package vn.hanoi.lgsp.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.devservices.DevServices;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * with Elasticsearch stopped, the platform keeps serving, level-2 status says
 * Elasticsearch is down, and every transaction document waits in the outbox; once it is
 * back, each one is indexed exactly once.
 */
class ElasticsearchOutageTest extends PlatformTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ElasticsearchClient elasticsearch;

    DevServices servers = DevServices.current().orElseThrow();

    @AfterEach
    void elasticsearchBack() {
        if (!elasticsearchAnswers()) {
            servers.restartElasticsearch();
        }
    }

    @Test
    void outboxKeepsEveryDocumentDuringOutageAndDeliversEachOnceAfter() throws Exception {
        String token = keycloak.clientToken(Keycloak.DOST_SYSTEM);
        Api.Reply before = api.get("/api/v1/status/services", token);
        assertThat(before.status()).isEqualTo(200);
        assertThat(state(before, "elasticsearch")).isEqualTo("UP");

        servers.stopElasticsearch();

        Api.Reply during = api.get("/api/v1/status/services", token);
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.code()).isEqualTo("01");
        assertThat(during.error()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(state(during, "elasticsearch")).isEqualTo("DOWN");
        assertThat(state(during, "postgresql")).isEqualTo("UP");

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Api.Reply reply = api.get("/api/v1/categories/agencies?q=H26", token);
            assertThat(reply.code()).as("the API keeps serving while Elasticsearch is down").isEqualTo("00");
            ids.add(reply.transactionId());
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> pendingInOutbox(ids) == ids.size());

        servers.restartElasticsearch();

        await().atMost(Duration.ofSeconds(60)).until(() -> pendingInOutbox(ids) == 0);
        elasticsearch.indices().refresh(r -> r.index("lgsp-transactions-*"));
        SearchResponse<Map> found = elasticsearch.search(s -> s.index("lgsp-transactions-*").size(100)
                .query(q -> q.terms(t -> t.field("transactionId")
                        .terms(v -> v.value(ids.stream().map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList())))),
                Map.class);
        List<String> indexed = found.hits().hits().stream().map(h -> h.id()).toList();
        assertThat(indexed).hasSize(ids.size()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(found.hits().hits().get(0).source()).doesNotContainKeys("payload", "content");
        assertThat(api.get("/api/v1/status/services", token).status()).isEqualTo(200);
    }

    private int pendingInOutbox(List<String> ids) {
        return jdbc.queryForObject("select count(*) from lgsp.monitoring_outbox where document_id = any (?)",
                Integer.class, (Object) ids.toArray(String[]::new));
    }

    private static String state(Api.Reply reply, String component) {
        for (var c : reply.body().path("components")) {
            if (c.path("name").asText().equals(component)) {
                return c.path("status").asText();
            }
        }
        return null;
    }

    private boolean elasticsearchAnswers() {
        try {
            elasticsearch.cluster().health();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
