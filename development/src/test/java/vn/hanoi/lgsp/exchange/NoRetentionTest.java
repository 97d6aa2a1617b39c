package vn.hanoi.lgsp.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.devservices.DevServices;
import vn.hanoi.lgsp.exchange.RecordExchangeTest.Record;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.Traces;

/**
 * once an exchange is done, the LGSP keeps nothing of its content — not in any
 * database table (Camunda's included), not in Elasticsearch, not in any log — and nothing
 * of the applicant's identity in the database.
 */
class NoRetentionTest extends PlatformTest {

    private static final String CITIZEN_ID = "001185000002";

    @Value("${logging.file.name}")
    String platformLog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RestClient elasticsearch;

    @Test
    void completedExchangesLeaveNoTraceOfTheirContent() throws Exception {
        String marker = "MARKER-" + UUID.randomUUID();
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        Record local = Record.text("Hồ sơ mật " + marker + " gửi phường", RecordExchangeTest.HOAN_KIEM_WARD)
                .with("applicant", Map.of("citizenId", CITIZEN_ID, "fullName", "Trần Thị Bình"));
        Record national = Record.text("Hồ sơ mật " + marker + " gửi trung ương", RecordExchangeTest.GOVERNMENT_OFFICE);

        List<String> ids = new ArrayList<>();
        for (Record record : List.of(local, national)) {
            ids.add(RecordExchangeTest.accepted(api.post("/api/v1/exchanges", justice, record.json(), RecordExchangeTest.key())));
        }
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> "COMPLETED".equals(
                    api.get("/api/v1/exchanges/" + id, justice).body().path("exchange").path("status").asText()));
        }
        // status checks keep arriving; wait for the transaction documents only
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from lgsp.monitoring_outbox where index_name like 'lgsp-transactions-%'", Integer.class) == 0);

        List<String> traces = new ArrayList<>();
        traces.add(marker);
        traces.add(hex(marker));
        traces.add(Base64.getEncoder().encodeToString(local.bytes()));
        traces.add(Base64.getEncoder().encodeToString(national.bytes()));

        assertThat(Traces.tablesContaining(jdbc, traces)).as("database tables holding content").isEmpty();
        assertThat(Traces.tablesContaining(jdbc, List.of(CITIZEN_ID))).as("database tables holding the applicant's id").isEmpty();

        String indexed = Traces.elasticsearchDocuments(elasticsearch);
        assertThat(indexed).as("the exchanges were indexed").contains(ids.get(0)).contains(ids.get(1));
        traces.forEach(trace -> assertThat(indexed).doesNotContain(trace));

        // what reached PostgreSQL's disk: tables, WAL segments, everything under its data directory
        jdbc.execute("checkpoint");
        Path pgData = DevServices.current().orElseThrow().postgresDataDirectory();
        assertThat(Traces.filesContaining(pgData, List.of(marker, CITIZEN_ID, hex(marker))))
                .as("files under PostgreSQL's data directory holding content or the applicant's id").isEmpty();

        List<Path> logs = new ArrayList<>(DevServices.current().orElseThrow().logFiles());
        logs.add(Path.of(platformLog));
        String platformLogText = Files.readString(Path.of(platformLog));
        assertThat(platformLogText).as("the platform log covers these exchanges").contains(ids.get(0));
        for (Path log : logs) {
            String text = Traces.read(log);
            traces.forEach(trace -> assertThat(text).as("log " + log).doesNotContain(trace));
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
