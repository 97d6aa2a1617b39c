package vn.hanoi.lgsp.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.devservices.DevServices;
import vn.hanoi.lgsp.exchange.RecordExchangeTest.Record;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * once an exchange is done, the LGSP keeps nothing of its content — not in any
 * database table (Camunda's included), not in Elasticsearch, not in any log — and nothing
 * of the applicant's identity in the database.
 */
class NoRetentionTest extends PlatformTest {

    private static final String CITIZEN_ID = "001185000002";

    @Value("${lgsp.keycloak.url}")
    String keycloakUrl;
    @Value("${logging.file.name}")
    String platformLog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RestClient elasticsearch;

    @Test
    void completedExchangesLeaveNoTraceOfTheirContent() throws Exception {
        String marker = "MARKER-" + UUID.randomUUID();
        Api api = new Api(baseUrl());
        String justice = new Keycloak(keycloakUrl).clientToken(Keycloak.JUSTICE_SYSTEM);
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
        elasticsearch.performRequest(new Request("POST", "/_refresh"));

        List<String> traces = new ArrayList<>();
        traces.add(marker);
        traces.add(hex(marker));
        traces.add(Base64.getEncoder().encodeToString(local.bytes()));
        traces.add(Base64.getEncoder().encodeToString(national.bytes()));

        assertThat(tablesContaining(traces)).as("database tables holding content").isEmpty();
        assertThat(tablesContaining(List.of(CITIZEN_ID))).as("database tables holding the applicant's id").isEmpty();

        String indexed = allElasticsearchDocuments();
        assertThat(indexed).as("the exchanges were indexed").contains(ids.get(0)).contains(ids.get(1));
        traces.forEach(trace -> assertThat(indexed).doesNotContain(trace));

        // what reached PostgreSQL's disk: tables, WAL segments, everything under its data directory
        jdbc.execute("checkpoint");
        Path pgData = DevServices.current().orElseThrow().postgresDataDirectory();
        assertThat(filesContaining(pgData, List.of(marker, CITIZEN_ID, hex(marker))))
                .as("files under PostgreSQL's data directory holding content or the applicant's id").isEmpty();

        List<Path> logs = new ArrayList<>(DevServices.current().orElseThrow().logFiles());
        logs.add(Path.of(platformLog));
        String platformLogText = Files.readString(Path.of(platformLog));
        assertThat(platformLogText).as("the platform log covers these exchanges").contains(ids.get(0));
        for (Path log : logs) {
            String text = read(log);
            traces.forEach(trace -> assertThat(text).as("log " + log).doesNotContain(trace));
        }
    }

    /** Every table of the platform's database whose rows, as text, contain one of the traces. */
    private List<String> tablesContaining(List<String> traces) {
        List<String> tables = jdbc.queryForList("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')""",
                String.class);
        assertThat(tables).as("Camunda's tables are searched too").anyMatch(t -> t.equalsIgnoreCase("public.act_ge_bytearray"));
        List<String> holding = new ArrayList<>();
        for (String table : tables) {
            for (String trace : traces) {
                Integer rows = jdbc.queryForObject("select count(*) from " + table + " t where t::text like ?", Integer.class,
                        "%" + trace + "%");
                if (rows > 0) {
                    holding.add(table);
                }
            }
        }
        return holding;
    }

    private String allElasticsearchDocuments() throws IOException {
        Request search = new Request("GET", "/_all/_search");
        search.addParameter("size", "10000");
        return new String(elasticsearch.performRequest(search).getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Files under the folder whose bytes contain one of the traces (as UTF-8). */
    private static List<String> filesContaining(Path folder, List<String> traces) throws IOException {
        List<String> holding = new ArrayList<>();
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes;
                try {
                    bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (IOException vanished) {
                    continue;
                }
                for (String trace : traces) {
                    if (bytes.contains(new String(trace.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                        holding.add(folder.relativize(file) + " (" + trace + ")");
                    }
                }
            }
        }
        return holding;
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
