package vn.hanoi.lgsp.devservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.LoopbackBalancer;
import vn.hanoi.lgsp.support.PlatformNode;

/**
 * The soak: the platform as it runs in production — two engine nodes behind a load
 * balancer, two worker processes, the simulators as a process of their own, one PostgreSQL, a
 * two-node Elasticsearch cluster, Keycloak — takes record exchanges at a steady rate while
 * faults are injected: the destination's system is down for 30 s, NDXP fails a fifth of all
 * calls, the Elasticsearch cluster is stopped for 60 s, one engine node is killed with SIGKILL
 * and restarted, and one worker process is killed with SIGKILL. Then it counts: exchanges that
 * did not end COMPLETED, records delivered twice or never (the simulated receivers count per
 * exchange id), and monitoring documents missing from or doubled in Elasticsearch (every
 * document the platform put in its outbox, captured by a trigger on the soak's own database,
 * against every document the cluster holds).
 */
final class SoakHarness {

    private static final Logger log = LoggerFactory.getLogger(SoakHarness.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    static final String GOVERNMENT_OFFICE = "000.00.00.G22";

    /** How big a soak, and when (as a fraction of the submission window) each fault strikes. */
    record Plan(int exchanges, double perSecond, double ndxpShare) {

        Duration window() {
            return Duration.ofMillis((long) (exchanges / perSecond * 1000));
        }
    }

    /**
     * What a run found.
     *
     * @param duplicateExchanges idempotency keys of the soak that made more than one exchange
     * @param unknownDeliveries  records the receivers took that belong to no accepted submission
     */
    record Report(int submitted, int completed, Map<String, Integer> notCompleted, int neverDelivered,
                  int duplicateExchanges, int unknownDeliveries, int repeatedPushes, int documentsExpected,
                  int documentsMissing, int documentsDoubled, int documentsUnexpected, Duration submitting,
                  Duration draining, Map<String, Duration> faults, int inboxPickups, List<String> stuck) {

        String table() {
            StringBuilder out = new StringBuilder();
            out.append("| figure | value |\n|---|---|\n");
            out.append("| exchanges submitted | ").append(submitted).append(" |\n");
            out.append("| ended COMPLETED | ").append(completed).append(" |\n");
            out.append("| not COMPLETED (by status) | ").append(notCompleted.isEmpty() ? "0" : notCompleted).append(" |\n");
            out.append("| never delivered | ").append(neverDelivered).append(" |\n");
            out.append("| submissions that made two exchanges | ").append(duplicateExchanges).append(" |\n");
            out.append("| records taken by a receiver for no accepted submission | ").append(unknownDeliveries)
                    .append(" |\n");
            out.append("| repeated pushes answered by the receiver's idempotency | ").append(repeatedPushes).append(" |\n");
            out.append("| left in the inbox after failed pushes (collected there) | ").append(inboxPickups).append(" |\n");
            out.append("| monitoring documents put in the outbox | ").append(documentsExpected).append(" |\n");
            out.append("| missing from Elasticsearch | ").append(documentsMissing).append(" |\n");
            out.append("| doubled in Elasticsearch | ").append(documentsDoubled).append(" |\n");
            out.append("| in Elasticsearch but never in the outbox | ").append(documentsUnexpected).append(" |\n");
            out.append("| submitting took | ").append(seconds(submitting)).append(" |\n");
            out.append("| last exchange completed after the last submission | ").append(seconds(draining)).append(" |\n");
            faults.forEach((fault, at) -> out.append("| ").append(fault).append(" | at ").append(seconds(at)).append(" |\n"));
            stuck.forEach(where -> out.append("| not completed: where it waits | ").append(where.replace('|', '/'))
                    .append(" |\n"));
            return out.toString();
        }

        private static String seconds(Duration d) {
            return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }

    private final DevServices servers;
    private final Map<String, String> base;
    private final Keycloak keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /**
     * @param base the settings of the test's own platform (its development servers' addresses and
     *             keys); the soak's nodes get their own database and Elasticsearch cluster on top
     */
    SoakHarness(DevServices servers, Map<String, String> base, String keycloakUrl) {
        this.servers = servers;
        this.base = base;
        this.keycloak = new Keycloak(keycloakUrl);
    }

    Report run(Plan plan) throws Exception {
        Path root = Files.createTempDirectory(Path.of("/var/tmp"), "lgsp-soak-");
        Files.createDirectories(root.resolve("run/logs"));
        Unprivileged.own(root);
        try {
            return soak(plan, root);
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                try {
                    toClose.get(i).close();
                } catch (Exception e) {
                    log.warn("Soak: could not stop {}: {}", toClose.get(i), e.toString());
                }
            }
            Unprivileged.run(List.of("rm", "-rf", root.toString()));
        }
    }

    private Report soak(Plan plan, Path root) throws Exception {
        // one PostgreSQL (a database of the soak's own), a two-node Elasticsearch cluster
        String database = "lgsp_soak_" + Long.toHexString(System.nanoTime());
        String jdbc = servers.postgresDatabase(database);
        List<Integer> http = List.of(PlatformNode.freePort(), PlatformNode.freePort());
        List<Integer> transport = List.of(PlatformNode.freePort(), PlatformNode.freePort());
        List<ElasticsearchServer> cluster = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path nodeRoot = Files.createDirectories(root.resolve("es-" + (i + 1)));
            Unprivileged.own(nodeRoot);
            cluster.add(servers.elasticsearchClusterNode(nodeRoot, root.resolve("run"), http.get(i), transport.get(i),
                    new ElasticsearchServer.Cluster("lgsp-soak", "soak-" + (i + 1), transport, List.of("soak-1", "soak-2"))));
        }
        cluster.forEach(node -> toClose.add(node::stop));
        startTogether(cluster);
        String elasticsearch = "http://127.0.0.1:" + http.get(0) + ",http://127.0.0.1:" + http.get(1);

        int ndxpPort = PlatformNode.freePort();
        int vdxpPort = PlatformNode.freePort();
        List<Integer> enginePorts = List.of(PlatformNode.freePort(), PlatformNode.freePort());
        LoopbackBalancer balancer = new LoopbackBalancer(enginePorts);
        toClose.add(balancer);

        Map<String, String> common = new LinkedHashMap<>(base);
        common.put("spring.datasource.url", jdbc);
        common.put("spring.elasticsearch.uris", elasticsearch);
        common.put("lgsp.national.ndxp.url", "http://127.0.0.1:" + ndxpPort);
        common.put("lgsp.national.ndxp.consumer-key", Simulators.NDXP_CONSUMER_KEY);
        common.put("lgsp.national.ndxp.consumer-secret", Simulators.NDXP_CONSUMER_SECRET);
        common.put("lgsp.national.vdxp.url", "http://127.0.0.1:" + vdxpPort);
        common.put("lgsp.national.vdxp.consumer-key", Simulators.VDXP_CONSUMER_KEY);
        common.put("lgsp.national.vdxp.consumer-secret", Simulators.VDXP_CONSUMER_SECRET);

        PlatformNode engine1 = node("soak-engine-1", common, Map.of("lgsp.roles", "engine",
                "server.port", String.valueOf(enginePorts.get(0))));
        engine1.start(Duration.ofMinutes(4));
        Instant captureFrom = captureOutbox(jdbc);
        PlatformNode engine2 = node("soak-engine-2", common, Map.of("lgsp.roles", "engine",
                "server.port", String.valueOf(enginePorts.get(1))));
        Map<String, String> workerSettings = Map.of("lgsp.roles", "workers",
                "lgsp.workers.engine-rest-url", balancer.baseUrl() + "/engine-rest",
                "lgsp.workers.platform-url", balancer.baseUrl());
        PlatformNode worker1 = node("soak-workers-1", common, workerSettings);
        PlatformNode worker2 = node("soak-workers-2", common, workerSettings);
        PlatformNode simulators = node("soak-simulators", common, Map.of("lgsp.roles", "simulators",
                "lgsp.simulators.platform-url", balancer.baseUrl(),
                "lgsp.simulators.ndxp-port", String.valueOf(ndxpPort),
                "lgsp.simulators.vdxp-port", String.valueOf(vdxpPort),
                "lgsp.simulators.inbox-poll", "5s",
                "lgsp.simulators.demo-exchanges", "false"));
        startTogether(List.of(engine2, worker1, worker2, simulators));
        String wardSystem = awaitRegistered(balancer.baseUrl(), WARD);
        String ndxp = "http://127.0.0.1:" + ndxpPort;
        log.info("Soak: platform up; ward system {}, NDXP {}", wardSystem, ndxp);

        // the faults, at fixed points of the submission window
        Map<String, Duration> faults = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        Instant t0 = Instant.now();
        ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2);
        toClose.add(schedule::shutdownNow);
        long window = plan.window().toMillis();
        at(schedule, 0, t0, faults, "NDXP fails 20 % of calls (from)", () -> behaviour(ndxp, Map.of("errorRate", 0.2)));
        at(schedule, window / 10, t0, faults, "destination down for 30 s", () ->
                behaviour(wardSystem, Map.of("downForMs", 30_000)));
        at(schedule, window / 4, t0, faults, "Elasticsearch cluster stopped for 60 s", () -> {
            cluster.forEach(ElasticsearchServer::stop);
            schedule.schedule(() -> {
                Duration at = Duration.between(t0, Instant.now());
                faults.put(restartTogether(cluster) ? "Elasticsearch cluster started again (60 s later)"
                        : "Elasticsearch cluster started again FAILED", at);
            }, 60, TimeUnit.SECONDS);
        });
        at(schedule, window * 2 / 5, t0, faults, "engine node 1 killed (SIGKILL), then restarted", () -> {
            engine1.kill();
            // a JVM starting among a dozen busy processes on two cores takes minutes, not seconds
            engine1.start(Duration.ofMinutes(8));
            faults.put("engine node 1 back", Duration.between(t0, Instant.now()));
        });
        at(schedule, window * 11 / 20, t0, faults, "worker process 1 killed (SIGKILL)", worker1::kill);

        Map<String, String> ids = submit(plan, balancer.baseUrl(), t0);
        Instant submitted = Instant.now();
        Duration submitting = Duration.between(t0, submitted);

        // every exchange ends (NDXP keeps failing a fifth of its calls until the end)
        Duration allowed = Duration.ofMinutes(10).plus(plan.window());
        Instant lastChange = Instant.now();
        int completed = 0;
        while (Duration.between(lastChange, Instant.now()).compareTo(Duration.ofMinutes(5)) < 0
                && Duration.between(submitted, Instant.now()).compareTo(allowed) < 0) {
            int now = completed(jdbc, ids.values());
            if (now != completed) {
                completed = now;
                lastChange = Instant.now();
            }
            if (completed == ids.size()) {
                break;
            }
            Thread.sleep(2000);
        }
        Duration draining = Duration.between(submitted, Instant.now());
        Map<String, Integer> notCompleted = statusesOtherThanCompleted(jdbc, ids.values());
        List<String> stuck = whereStuck(jdbc, ids.values());

        // delivered: the ward's system and NDXP count per exchange id
        Map<String, JsonNode> delivered = new HashMap<>();
        JSON.readTree(get(wardSystem + "/_sim/deliveries")).path("deliveries").fields()
                .forEachRemaining(e -> delivered.put(e.getKey(), e.getValue()));
        JSON.readTree(get(ndxp + "/_sim/deliveries")).path("deliveries").fields()
                .forEachRemaining(e -> delivered.put(e.getKey(), e.getValue()));
        int never = 0;
        int repeats = 0;
        for (String id : ids.values()) {
            JsonNode counts = delivered.get(id);
            never += counts == null || counts.path("delivered").asInt() == 0 ? 1 : 0;
            repeats += counts == null ? 0 : Math.max(0, counts.path("accepted").asInt() - 1);
        }
        // a second delivery of one submission would be a second exchange for its key, taken by a receiver
        Set<String> accepted = new HashSet<>(ids.values());
        int unknown = (int) delivered.keySet().stream().filter(id -> !accepted.contains(id)).count();
        int duplicates = duplicateExchanges(jdbc, "soak-" + t0.toEpochMilli() + "-");
        int inbox = inboxPickups(jdbc, ids.values());

        // monitoring: the outbox empties (Elasticsearch is back), then every document is compared
        awaitOutboxEmpty(jdbc, Duration.ofMinutes(5));
        Set<String> expected = capturedDocuments(jdbc, captureFrom);
        List<String> indexed = indexedDocuments(elasticsearch.split(",")[0], captureFrom);
        Set<String> distinct = new HashSet<>(indexed);
        int doubled = indexed.size() - distinct.size();
        int missing = 0;
        for (String id : expected) {
            missing += distinct.contains(id) ? 0 : 1;
        }
        // never in the outbox at all: the time bound is the two sides' own timestamps (made / written), which may
        // straddle it by a few milliseconds, so a document counts as unexpected only if the trigger never saw it
        Set<String> everCaptured = capturedDocuments(jdbc, null);
        int unexpected = 0;
        for (String id : distinct) {
            unexpected += everCaptured.contains(id) ? 0 : 1;
        }
        return new Report(ids.size(), completed, notCompleted, never, duplicates, unknown, repeats, expected.size(), missing,
                doubled, unexpected, submitting, draining, new LinkedHashMap<>(faults), inbox, stuck);
    }

    private PlatformNode node(String name, Map<String, String> common, Map<String, String> own) {
        PlatformNode node = PlatformNode.withSettings(name, common, own);
        toClose.add(node::kill);
        return node;
    }

    private static void startTogether(List<?> parts) throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(parts.size());
        try {
            List<java.util.concurrent.Future<?>> started = new ArrayList<>();
            for (Object part : parts) {
                started.add(starts.submit(() -> {
                    if (part instanceof PlatformNode node) {
                        node.start(Duration.ofMinutes(4));
                    } else {
                        ((ElasticsearchServer) part).start();
                    }
                    return null;
                }));
            }
            for (var f : started) {
                f.get();
            }
        } finally {
            starts.shutdownNow();
        }
    }

    private static boolean restartTogether(List<ElasticsearchServer> cluster) {
        ExecutorService starts = Executors.newFixedThreadPool(cluster.size());
        try {
            List<java.util.concurrent.Future<?>> started = new ArrayList<>();
            for (ElasticsearchServer node : cluster) {
                started.add(starts.submit(() -> {
                    node.restart();
                    return null;
                }));
            }
            for (var f : started) {
                f.get();
            }
            return true;
        } catch (Exception e) {
            log.error("Soak: Elasticsearch did not come back", e);
            return false;
        } finally {
            starts.shutdownNow();
        }
    }

    private static void at(ScheduledExecutorService schedule, long afterMillis, Instant t0, Map<String, Duration> faults,
                           String fault, ThrowingRunnable action) {
        schedule.schedule(() -> {
            faults.put(fault, Duration.between(t0, Instant.now()));
            log.info("Soak: {}", fault);
            try {
                action.run();
            } catch (Exception e) {
                log.error("Soak: {} failed", fault, e);
                faults.put(fault + " FAILED: " + e.getMessage(), Duration.between(t0, Instant.now()));
            }
        }, afterMillis, TimeUnit.MILLISECONDS);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The Department of Justice's system sends the records at the plan's rate, spread over a
     * pool of clients; each keeps its idempotency key through retries (refused connection,
     * timeout, 429, 5xx), so a retried submission is the same exchange.
     */
    private Map<String, String> submit(Plan plan, String lgsp, Instant t0) throws Exception {
        Map<String, String> ids = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        TokenCache token = new TokenCache(() -> keycloak.clientToken(Keycloak.JUSTICE_SYSTEM));
        for (int i = 0; i < plan.exchanges(); i++) {
            long due = t0.toEpochMilli() + (long) (i * 1000 / plan.perSecond());
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String destination = (i % 100) < plan.ndxpShare() * 100 ? GOVERNMENT_OFFICE : WARD;
            String key = "soak-" + t0.toEpochMilli() + "-" + i;
            String text = "Hồ sơ thử tải " + i + " " + key;
            clients.submit(() -> {
                String id = submitOne(lgsp, token, key, text, destination);
                if (id == null) {
                    failed.incrementAndGet();
                } else {
                    ids.put(key, id);
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.MINUTES);
        if (failed.get() > 0) {
            log.error("Soak: {} submissions never accepted", failed.get());
        }
        return ids;
    }

    private String submitOne(String lgsp, TokenCache token, String key, String text, String destination) {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(giveUp)) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(lgsp + "/api/v1/exchanges"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token.get())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(record(text, destination))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    return JSON.readTree(answer.body()).path("exchangeId").asText();
                }
                if (answer.statusCode() != 429 && answer.statusCode() < 500) {
                    log.error("Soak: submission {} refused: {} {}", key, answer.statusCode(), answer.body());
                    return null;
                }
            } catch (IOException e) {
                // a node went away mid-request: the same key again, through the balancer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (RuntimeException e) {
                // no token while Keycloak was busy: try again
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static Map<String, Object> record(String text, String destination) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contentType", "text/plain");
        payload.put("content", Base64.getEncoder().encodeToString(bytes));
        try {
            payload.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", "1.000001.000.00.13.H26");
        body.put("destination", destination);
        body.put("payload", payload);
        return body;
    }

    /** A client-credentials token reused until shortly before it expires. */
    private static final class TokenCache {
        private final java.util.function.Supplier<String> fetch;
        private String token;
        private Instant renewAt = Instant.MIN;

        TokenCache(java.util.function.Supplier<String> fetch) {
            this.fetch = fetch;
        }

        synchronized String get() {
            if (token == null || Instant.now().isAfter(renewAt)) {
                token = fetch.get();
                renewAt = Instant.now().plusSeconds(30);
            }
            return token;
        }
    }

    /** The ward's system as the simulators registered it through the platform's API. */
    private String awaitRegistered(String lgsp, String agency) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(until)) {
            HttpResponse<String> system = http.send(HttpRequest.newBuilder(URI.create(lgsp + "/api/v1/agencies/" + agency
                    + "/system")).header("Authorization", "Bearer " + keycloak.operatorToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (system.statusCode() == 200) {
                String url = JSON.readTree(system.body()).path("system").path("baseUrl").asText();
                if (answers(url + "/_sim/deliveries")) {
                    return url;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the simulators never registered the system of " + agency);
    }

    private boolean answers(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void behaviour(String simulator, Map<String, Object> change) throws Exception {
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(simulator + "/_sim/behaviour"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(change))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException lost) {
            // an outage that began before its answer was written: it counts if the simulator is down now
            if (change.containsKey("downForMs") && !answers(simulator + "/_sim/behaviour")) {
                return;
            }
            throw lost;
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(simulator + " refused " + change + ": " + answer.body());
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    // --- the soak's own database, read directly: the harness is the auditor here, not a client

    private Connection connect(String jdbc) throws Exception {
        return DriverManager.getConnection(jdbc, base.get("spring.datasource.username"),
                base.get("spring.datasource.password"));
    }

    /**
     * Every document the platform puts in its outbox from now on is noted by a trigger in a table
     * of the harness's own, so that what reached Elasticsearch can be compared with all of it.
     */
    private Instant captureOutbox(String jdbc) throws Exception {
        try (Connection c = connect(jdbc); Statement sql = c.createStatement()) {
            sql.execute("create schema if not exists soak");
            sql.execute("create table soak.outbox_seen (document_id text not null, index_name text not null, "
                    + "document_time timestamptz)");
            sql.execute("""
                    create function soak.note_outbox() returns trigger language plpgsql as $$
                    begin
                      insert into soak.outbox_seen (document_id, index_name, document_time)
                      values (new.document_id, new.index_name, (new.document->>'timestamp')::timestamptz);
                      return new;
                    end $$""");
            sql.execute("create trigger soak_note after insert on lgsp.monitoring_outbox for each row "
                    + "execute function soak.note_outbox()");
        }
        // on a whole millisecond: Elasticsearch keeps milliseconds, PostgreSQL microseconds, and a
        // bound in between would count a document made within it on one side only
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private Set<String> capturedDocuments(String jdbc, Instant from) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = connect(jdbc); PreparedStatement q = c.prepareStatement(
                "select document_id from soak.outbox_seen where index_name like 'lgsp-transactions-%' and document_time >= ?")) {
            // the same bound as on the cluster's side: documents made from 2 s after the trigger exists (none: all)
            q.setTimestamp(1, Timestamp.from(from == null ? Instant.EPOCH : from.plusSeconds(2)));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * Every transaction document in the cluster since capturing began, by id, through
     * {@code search_after}; an id found twice is a document indexed twice (in two indices).
     */
    private List<String> indexedDocuments(String elasticsearch, Instant from) throws Exception {
        send("POST", elasticsearch + "/lgsp-transactions-*/_refresh", null);
        List<String> ids = new ArrayList<>();
        Object[] after = null;
        while (true) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("size", 5000);
            query.put("_source", false);
            query.put("query", Map.of("range", Map.of("timestamp", Map.of("gte", from.plusSeconds(2).toString()))));
            query.put("sort", List.of(Map.of("transactionId", "asc"), Map.of("_index", "asc")));
            if (after != null) {
                query.put("search_after", after);
            }
            JsonNode hits = JSON.readTree(send("POST", elasticsearch + "/lgsp-transactions-*/_search", query))
                    .path("hits").path("hits");
            if (hits.isEmpty()) {
                return ids;
            }
            for (JsonNode hit : hits) {
                ids.add(hit.path("_id").asText());
            }
            JsonNode last = hits.get(hits.size() - 1).path("sort");
            after = new Object[] {last.get(0).asText(), last.get(1).asText()};
        }
    }

    private String send(String method, String url, Object body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private int completed(String jdbc, java.util.Collection<String> ids) throws Exception {
        return statusCounts(jdbc, ids).getOrDefault("COMPLETED", 0);
    }

    private Map<String, Integer> statusesOtherThanCompleted(String jdbc, java.util.Collection<String> ids) throws Exception {
        Map<String, Integer> counts = statusCounts(jdbc, ids);
        counts.remove("COMPLETED");
        return counts;
    }

    private Map<String, Integer> statusCounts(String jdbc, java.util.Collection<String> ids) throws Exception {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        try (Connection c = connect(jdbc); PreparedStatement q = c.prepareStatement(
                "select status, count(*) from lgsp.exchange where id = any (?::uuid[]) group by status")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** For a failed soak: where each exchange that did not complete waits in its process, and why (at most ten). */
    private List<String> whereStuck(String jdbc, java.util.Collection<String> ids) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = connect(jdbc); PreparedStatement q = c.prepareStatement("""
                select e.id, e.status,
                       (select string_agg(x.act_id_, ',') from act_ru_execution x
                         where x.proc_inst_id_ = e.process_instance_id and x.act_id_ is not null),
                       (select string_agg(t.topic_name_ || ' retries ' || coalesce(t.retries_::text, '-')
                               || ' locked until ' || coalesce(t.lock_exp_time_::text, '-')
                               || ' error ' || coalesce(t.error_msg_, '-'), '; ')
                          from act_ru_ext_task t where t.proc_inst_id_ = e.process_instance_id),
                       (select string_agg(i.activity_id_ || ': ' || coalesce(i.incident_msg_, '-'), '; ')
                          from act_ru_incident i where i.proc_inst_id_ = e.process_instance_id)
                  from lgsp.exchange e
                 where e.id = any (?::uuid[]) and e.status <> 'COMPLETED'
                 limit 10""")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + " " + rs.getString(2) + " at " + rs.getString(3)
                            + "; external task " + rs.getString(4) + "; incident " + rs.getString(5));
                }
            }
        }
        return found;
    }

    private int duplicateExchanges(String jdbc, String keyPrefix) throws Exception {
        try (Connection c = connect(jdbc); PreparedStatement q = c.prepareStatement("""
                select count(*) from (select idempotency_key from lgsp.exchange where idempotency_key like ?
                                      group by source_code, idempotency_key having count(*) > 1) twice""")) {
            q.setString(1, keyPrefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int inboxPickups(String jdbc, java.util.Collection<String> ids) throws Exception {
        try (Connection c = connect(jdbc); PreparedStatement q = c.prepareStatement(
                "select count(*) from lgsp.exchange where id = any (?::uuid[]) and in_inbox")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void awaitOutboxEmpty(String jdbc, Duration within) throws Exception {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            try (Connection c = connect(jdbc); ResultSet rs = c.createStatement()
                    .executeQuery("select count(*) from lgsp.monitoring_outbox")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
            Thread.sleep(1000);
        }
    }
}
