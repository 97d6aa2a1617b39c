package vn.hanoi.lgsp.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.ConfigurableEnvironment;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.KeycloakTokenVerifier;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformNode;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.SystemChangeApproval;

/**
 * R-23, Đ11.6: the restore drill of docs/operations.md, performed. While the platform runs,
 * records are in flight (accepted, routed, waiting for delivery); PostgreSQL is backed up with
 * the base-backup protocol (backup start, copy of the data folder, backup stop, the WAL written
 * meanwhile) and Elasticsearch snapshotted into a filesystem repository. Both are restored
 * into fresh data folders, a platform node is started on them, and every in-flight record runs
 * to completion there: delivered once, its result back, its monitoring documents indexed.
 */
@Tag("slow")
class RestoreDrillTest extends PlatformTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    static final int IN_FLIGHT = 5;
    static final ObjectMapper JSON = new ObjectMapper();

    @Value("${spring.datasource.url}")
    String jdbcUrl;
    @Value("${spring.datasource.username}")
    String dbUser;
    @Value("${spring.datasource.password}")
    String dbPassword;
    @Value("${spring.elasticsearch.uris}")
    String elasticsearchUrl;
    @Autowired
    ConfigurableEnvironment environment;
    /** The workers of the test's platform (a lifecycle: stopped, they fetch nothing). */
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("workerRuntime")
    org.springframework.context.SmartLifecycle workers;
    @Autowired
    Simulators simulators;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void inFlightExchangesCompleteOnAPlatformRestoredFromItsBackup() throws Exception {
        DevServices servers = DevServices.current().orElseThrow();
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        Map<String, String> wardClient = Map.of("id", "phuonghoankiem-system", "secret", "Hoankiem#Demo2025");

        // the ward's system for this drill: it answers whichever platform the drill points it at
        AtomicReference<String> platform = new AtomicReference<>(baseUrl());
        AgencySystemSimulator ward = new AgencySystemSimulator(new AgencySystemSimulator.Config(WARD, 0,
                new KeycloakTokenVerifier(keycloakUrl + "/realms/lgsp", WARD),
                platform::get, () -> keycloak.clientToken(wardClient.get("id"), wardClient.get("secret")),
                Duration.ofMillis(200)));
        ward.start();
        // short: PostgreSQL's socket path must stay under 108 bytes
        Path drill = Files.createTempDirectory(Path.of("/var/tmp"), "lgsp-drill-");
        PostgresServer restoredPostgres = null;
        ElasticsearchServer restoredElasticsearch = null;
        PlatformNode restored = null;
        try {
            SystemChangeApproval.applied(api, keycloak, WARD, system(ward.baseUrl()));

            // in flight: accepted and routed, waiting for a worker to deliver them
            workers.stop();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                Api.Reply accepted = api.post("/api/v1/exchanges", justice, record("Hồ sơ diễn tập khôi phục " + i
                        + " " + UUID.randomUUID()), "drill-" + UUID.randomUUID());
                assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
                ids.add(accepted.body().path("exchangeId").asText());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id ->
                    "ROUTED".equals(api.get("/api/v1/exchanges/" + id, justice).body().path("exchange").path("status").asText())));

            // the backups, taken while the platform runs
            Path baseBackup = Files.createDirectories(drill.resolve("base-backup"));
            baseBackupOfPostgres(servers.postgresDataDirectory(), baseBackup.resolve("postgresql"));
            String snapshotRepository = servers.elasticsearchSnapshotRoot().resolve("drill-" + UUID.randomUUID()).toString();
            snapshotElasticsearch(elasticsearchUrl, snapshotRepository);

            // restore into fresh data folders and start the servers on them
            Path restoredRoot = drill.resolve("restored");
            Files.createDirectories(restoredRoot);
            copyLiveTree(baseBackup.resolve("postgresql"), restoredRoot.resolve("postgresql"), Set.of());
            Files.setPosixFilePermissions(restoredRoot.resolve("postgresql"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(drill.resolve("run/logs"));
            Unprivileged.own(drill);
            restoredPostgres = servers.postgresOn(restoredRoot, drill.resolve("run"), PlatformNode.freePort());
            restoredPostgres.start();
            restoredElasticsearch = servers.elasticsearchOn(restoredRoot, drill.resolve("run"), PlatformNode.freePort(),
                    PlatformNode.freePort());
            restoredElasticsearch.start();
            restoreSnapshot(restoredElasticsearch.url(), snapshotRepository);

            // the original platform goes on without these records; the restored one finishes them
            Map<String, String> onRestored = new LinkedHashMap<>();
            onRestored.put("lgsp.roles", "engine,workers");
            onRestored.put("spring.datasource.url", restoredPostgres.jdbcUrl());
            onRestored.put("spring.elasticsearch.uris", restoredElasticsearch.url());
            restored = PlatformNode.like(environment, "restored", onRestored);
            platform.set(restored.baseUrl());
            restored.start(Duration.ofMinutes(4));

            Api restoredApi = new Api(restored.baseUrl());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> ids.stream()
                    .allMatch(id -> "COMPLETED".equals(restoredApi.get("/api/v1/exchanges/" + id, justice).body()
                            .path("exchange").path("status").asText())));
            // delivered once each: taken, and pushed once (no fault here: a second push would be a duplicate)
            assertThat(ward.receivedExchangeIds()).containsAll(ids);
            for (String id : ids) {
                assertThat(ward.attempts(id)).as("pushes of " + id).isEqualTo(1);
            }
            // the monitoring documents: the snapshot's, and those of the steps taken after the restore, once each
            String restoredJdbc = restoredPostgres.jdbcUrl();
            await().atMost(Duration.ofSeconds(60)).until(() -> outboxEmpty(restoredJdbc));
            for (String id : ids) {
                List<String> documents = documentIds(restoredElasticsearch.url(), id);
                assertThat(documents).as("monitoring documents of " + id).isNotEmpty();
                assertThat(new HashSet<>(documents)).as("each document once").hasSameSizeAs(documents);
                assertThat(kinds(restoredElasticsearch.url(), id)).as("kinds of " + id)
                        .contains("exchange-accepted", "exchange-routed", "exchange-delivery-attempt", "exchange-result");
            }
        } finally {
            try {
                if (restored != null) {
                    restored.stop();
                }
                if (restoredElasticsearch != null) {
                    restoredElasticsearch.stop();
                }
                if (restoredPostgres != null) {
                    restoredPostgres.stop();
                }
                // the original platform gets the ward's own simulated system back
                SystemChangeApproval.applied(api, keycloak, WARD,
                        system(simulators.agency(WARD).orElseThrow().baseUrl()));
            } finally {
                // whatever happened above, the shared context's workers run again for the tests after this one
                workers.start();
                ward.close();
                Unprivileged.run(List.of("rm", "-rf", drill.toString()));
            }
        }
    }

    private static Map<String, Object> system(String baseUrl) {
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("baseUrl", baseUrl);
        system.put("pushEnabled", true);
        system.put("signatureRequired", false);
        system.put("statusLevel2", true);
        system.put("pollIntervalSeconds", 60);
        return system;
    }

    private static Map<String, Object> record(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contentType", "text/plain");
        payload.put("content", Base64.getEncoder().encodeToString(bytes));
        payload.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", "1.000001.000.00.13.H26");
        body.put("destination", WARD);
        body.put("payload", payload);
        return body;
    }

    /**
     * What {@code pg_basebackup} does, through SQL and a file copy (the bundled PostgreSQL has
     * no client programs): a replication slot keeps the WAL from being recycled meanwhile; start
     * a backup (checkpoint); copy the data folder while the server runs, skipping files that
     * vanish under the copy; stop the backup and write its label; take the WAL written meanwhile.
     */
    private void baseBackupOfPostgres(Path dataDirectory, Path target) throws Exception {
        String slot = "drill_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             Statement sql = c.createStatement()) {
            sql.execute("select pg_create_physical_replication_slot('" + slot + "', true)");
            try {
                sql.execute("select pg_backup_start('lgsp-restore-drill', true)");
                copyLiveTree(dataDirectory, target, Set.of("pg_wal", "postmaster.pid", "postmaster.opts", "pg_replslot"));
                String label;
                String tablespaces;
                try (ResultSet stop = sql.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                    stop.next();
                    label = stop.getString(1);
                    tablespaces = stop.getString(2);
                }
                // the segment holding the backup's end goes to disk complete
                sql.execute("select pg_switch_wal()");
                copyLiveTree(dataDirectory.resolve("pg_wal"), target.resolve("pg_wal"), Set.of());
                Files.createDirectories(target.resolve("pg_replslot"));
                Files.writeString(target.resolve("backup_label"), label);
                if (tablespaces != null && !tablespaces.isBlank()) {
                    Files.writeString(target.resolve("tablespace_map"), tablespaces);
                }
            } finally {
                sql.execute("select pg_drop_replication_slot('" + slot + "')");
            }
        }
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Unprivileged.own(target);
    }

    /** Copies a tree that a running server changes: files removed during the copy are skipped, as pg_basebackup does. */
    private static void copyLiveTree(Path from, Path to, Set<String> leaveOut) throws IOException {
        Files.walkFileTree(from, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                if (!dir.equals(from) && from.equals(dir.getParent()) && leaveOut.contains(dir.getFileName().toString())) {
                    return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                if (from.equals(file.getParent()) && leaveOut.contains(file.getFileName().toString())) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()),
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (java.nio.file.NoSuchFileException vanished) {
                    // removed by the server since it was listed: not part of the backup
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private void snapshotElasticsearch(String url, String location) throws Exception {
        expect(send("PUT", url + "/_snapshot/drill", Map.of("type", "fs", "settings", Map.of("location", location))), 200);
        expect(send("PUT", url + "/_snapshot/drill/before-restore?wait_for_completion=true",
                Map.of("indices", "lgsp-*", "include_global_state", true)), 200);
    }

    private void restoreSnapshot(String url, String location) throws Exception {
        expect(send("PUT", url + "/_snapshot/drill", Map.of("type", "fs",
                "settings", Map.of("location", location, "readonly", true))), 200);
        expect(send("POST", url + "/_snapshot/drill/before-restore/_restore?wait_for_completion=true",
                Map.of("indices", "lgsp-*", "include_global_state", true)), 200);
    }

    private boolean outboxEmpty(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, dbUser, dbPassword);
             ResultSet rs = c.createStatement().executeQuery("select count(*) from lgsp.monitoring_outbox")) {
            rs.next();
            return rs.getInt(1) == 0;
        }
    }

    private List<String> documentIds(String url, String exchangeId) throws Exception {
        send("POST", url + "/lgsp-transactions-*/_refresh", null);
        JsonNode hits = search(url, exchangeId);
        List<String> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.path("_id").asText()));
        return ids;
    }

    private Set<String> kinds(String url, String exchangeId) throws Exception {
        Set<String> kinds = new HashSet<>();
        search(url, exchangeId).forEach(h -> kinds.add(h.path("_source").path("kind").asText()));
        return kinds;
    }

    private JsonNode search(String url, String exchangeId) throws Exception {
        HttpResponse<String> found = send("POST", url + "/lgsp-transactions-*/_search",
                Map.of("size", 200, "query", Map.of("term", Map.of("exchangeId", exchangeId))));
        expect(found, 200);
        return JSON.readTree(found.body()).path("hits").path("hits");
    }

    private HttpResponse<String> send(String method, String url, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
    }
}
