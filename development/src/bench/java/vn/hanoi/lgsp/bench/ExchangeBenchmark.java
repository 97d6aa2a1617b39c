package vn.hanoi.lgsp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.simulators.SimulatedServer;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.workercontract.ServedTopics;

/**
 * Record exchanges end to end against a bare Camunda baseline, in one run on the same
 * machine, database and engine:
 * <ul>
 *   <li>(a) a process with the same external tasks as an exchange's happy path
 *       ({@code deliver-local}, {@code notify-source}), started over the engine's REST API and
 *       served by no-op workers over the same external-task client;</li>
 *   <li>(b) record exchanges through the agency API to a simulated destination answering
 *       after 20 ms, which reports its result 20 ms later.</li>
 * </ul>
 * Prints throughput, p50/p99 end-to-end latency (process start to end, as the engine
 * recorded them), the ratio (b)/(a), peak heap and how far monitoring lagged behind.
 */
public final class ExchangeBenchmark {

    private static final String WARD = "000.00.61.H26";
    private static final Duration PEER_LATENCY = Duration.ofMillis(20);
    /**
     * The paced phases run at half of what the exchanges reached saturated, for 20 s, unless a
     * rate is given (to compare runs on different machines at the same rate).
     */
    private static final String PACED_RATE = System.getProperty("bench.exchange-paced-rate", "");
    private static final int PACED_SECONDS = Integer.getInteger("bench.exchange-paced-seconds", 20);
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 100);
    private static final String BASELINE_KEY = "bench-baseline";
    private static final String BASELINE_DELIVER = "bench-deliver";
    private static final String BASELINE_NOTIFY = "bench-notify";
    private static final String WORKERS_GROUP = "lgsp-workers";

    private final ConfigurableApplicationContext platform;
    private final String baseUrl;
    private final String keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final HistoryService history;
    private final JdbcTemplate jdbc;
    private final int concurrency;

    private ExchangeBenchmark(ConfigurableApplicationContext platform, int concurrency) {
        this.platform = platform;
        this.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) platform).getWebServer().getPort();
        this.keycloak = platform.getEnvironment().getProperty("lgsp.keycloak.url") + "/realms/lgsp/protocol/openid-connect/token";
        this.history = platform.getBean(HistoryService.class);
        this.jdbc = platform.getBean(JdbcTemplate.class);
        this.concurrency = concurrency;
    }

    public static void main(String[] args) {
        System.exit(runOnce() ? 0 : 1);
    }

    /**
     * One run with the sizes of the {@code bench.*} system properties, on the development servers
     * of this JVM (started fresh unless an earlier run in it left them up). True if it completed
     * and every exchange and baseline process ended as it should.
     */
    static boolean runOnce() {
        int exchanges = Integer.getInteger("bench.exchanges", 200);
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        System.out.printf("Starting the platform (fresh servers) for %d exchanges, %d concurrent clients...%n",
                exchanges, concurrency);
        return BenchPlatform.run("exchange", List.of(
                "--lgsp.simulators.result-delay=" + PEER_LATENCY.toMillis() + "ms",
                // the baseline's no-op workers use the workers' own identity, so it must serve their topics too
                "--lgsp.engine.worker-topics=" + String.join(",", ServedTopics.ALL) + ","
                        + BASELINE_DELIVER + "," + BASELINE_NOTIFY),
                platform -> new ExchangeBenchmark(platform, concurrency).run(exchanges));
    }

    private boolean run(int n) throws Exception {
        Simulators simulators = platform.getBean(Simulators.class);
        simulators.awaitConnected(Duration.ofMinutes(2));
        SimulatedServer ward = simulators.agency(WARD).orElseThrow();
        ward.behaviour().setLatency(PEER_LATENCY);
        simulators.agency("000.00.13.H26").orElseThrow().behaviour().setLatency(PEER_LATENCY);

        deployBaseline();
        ExternalTaskClient noOpWorkers = noOpWorkers();
        Phase baseline;
        Phase exchange;
        Phase pacedBaseline;
        Phase pacedExchange;
        double pacedRate;
        try {
            measure("warm-up baseline", WARM_UP, this::startBaseline, null, 0);
            baseline = measure("(a) baseline", n, this::startBaseline, null, 0);
            measure("warm-up exchanges", WARM_UP, this::submitExchange, null, 0);
            MonitoringLag lag = new MonitoringLag();
            exchange = measure("(b) exchanges", n, this::submitExchange, lag, 0);
            exchange = exchange.withLag(lag.maxAgeMillis(), lag.drainMillis());
            // latency where nothing queues: a steady rate well under either phase's saturation
            pacedRate = PACED_RATE.isBlank() ? Math.max(1, Math.floor(exchange.throughput() / 2))
                    : Double.parseDouble(PACED_RATE);
            int paced = (int) (pacedRate * PACED_SECONDS);
            pacedBaseline = measure("(a) baseline, paced", paced, this::startBaseline, null, pacedRate);
            pacedExchange = measure("(b) exchanges, paced", paced, this::submitExchange, null, pacedRate);
        } finally {
            noOpWorkers.stop();
        }
        report(n, baseline, exchange);
        System.out.printf("%nPaced at %.0f/s for %d s (end-to-end latency as the engine recorded it):%n", pacedRate,
                PACED_SECONDS);
        System.out.println("| phase | count | p50 (ms) | p99 (ms) | max (ms) |");
        System.out.println("|---|---|---|---|---|");
        for (Phase p : List.of(pacedBaseline, pacedExchange)) {
            System.out.printf("| %s | %d | %d | %d | %d |%n", p.name(), p.count(), p.p50(), p.p99(), p.max());
        }
        // every exchange the run submitted ended as the happy path does, and none is left over
        int submitted = WARM_UP + n + (int) (pacedRate * PACED_SECONDS);
        Map<String, Object> states = jdbc.queryForMap(
                "select count(*) filter (where status = 'COMPLETED') as completed, count(*) as total from lgsp.exchange");
        long completed = ((Number) states.get("completed")).longValue();
        long total = ((Number) states.get("total")).longValue();
        System.out.printf("exchanges submitted: %d; in the database: %d; COMPLETED: %d%n", submitted, total, completed);
        if (completed != submitted || total != submitted) {
            System.out.println("COUNTS DO NOT BALANCE: exchanges submitted, stored and completed differ");
            return false;
        }
        return true;
    }

    // ---- (a) the baseline: same number of external tasks, no-op workers ----

    private void deployBaseline() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(BASELINE_KEY).camundaHistoryTimeToLive(1)
                .startEvent().camundaAsyncAfter()
                .serviceTask("deliver").camundaExternalTask(BASELINE_DELIVER)
                .serviceTask("notify").camundaExternalTask(BASELINE_NOTIFY)
                .endEvent().done();
        platform.getBean(RepositoryService.class).createDeployment().addModelInstance(BASELINE_KEY + ".bpmn", model).deploy();
        // the platform grants the workers the processes deployed before it was ready; this one came after
        AuthorizationService authorizations = platform.getBean(AuthorizationService.class);
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(WORKERS_GROUP);
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId(BASELINE_KEY);
        grant.addPermission(Permissions.READ);
        grant.addPermission(ProcessDefinitionPermissions.READ_INSTANCE);
        grant.addPermission(ProcessDefinitionPermissions.UPDATE_INSTANCE);
        authorizations.saveAuthorization(grant);
    }

    private ExternalTaskClient noOpWorkers() {
        TokenCache workerToken = new TokenCache(() -> token(Map.of("grant_type", "client_credentials",
                "client_id", "lgsp-workers", "client_secret", "lgsp-workers-dev-secret")));
        ExternalTaskClient client = ExternalTaskClient.create().baseUrl(baseUrl + "/engine-rest")
                .workerId("bench-noop").maxTasks(10).asyncResponseTimeout(20_000)
                .addInterceptor(request -> request.addHeader("Authorization", "Bearer " + workerToken.get()))
                .build();
        client.subscribe(BASELINE_DELIVER).handler((task, service) -> service.complete(task)).open();
        client.subscribe(BASELINE_NOTIFY).handler((task, service) -> service.complete(task)).open();
        return client;
    }

    private final TokenCache adminToken = new TokenCache(() -> token(Map.of("grant_type", "password",
            "client_id", "lgsp-cli", "username", "lgsp-admin", "password", "HaNoi#2025")));

    private String startBaseline() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/engine-rest/process-definition/key/" + BASELINE_KEY + "/start"))
                .header("Authorization", "Bearer " + adminToken.get())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("baseline start failed: " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("id").asText();
    }

    // ---- (b) record exchanges through the agency API ----

    private final TokenCache sourceToken = new TokenCache(() -> token(Map.of("grant_type", "client_credentials",
            "client_id", "sotuphap-system", "client_secret", "Sotuphap#Demo2025")));

    private String submitExchange() throws Exception {
        byte[] content = ("Hồ sơ đo hiệu năng " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> body = Map.of(
                "procedureCode", "1.000001.000.00.13.H26",
                "destination", WARD,
                "payload", Map.of("contentType", "text/plain",
                        "content", Base64.getEncoder().encodeToString(content),
                        "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/exchanges"))
                .header("Authorization", "Bearer " + sourceToken.get())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("exchange refused: " + response.statusCode() + " " + response.body());
        }
        String exchangeId = json.readTree(response.body()).path("exchangeId").asText();
        return jdbc.queryForObject("select process_instance_id from lgsp.exchange where id = ?::uuid", String.class, exchangeId);
    }

    // ---- measuring ----

    private interface Starter {
        String start() throws Exception;
    }

    private record Phase(String name, int count, double throughput, long p50, long p99, long max, long peakHeap,
                         long lagMillis, long drainMillis) {

        Phase withLag(long lag, long drain) {
            return new Phase(name, count, throughput, p50, p99, max, peakHeap, lag, drain);
        }
    }

    /** @param perSecond submissions per second; 0 sends them all at once */
    private Phase measure(String name, int n, Starter starter, MonitoringLag lag, double perSecond) throws Exception {
        HeapPeak heap = new HeapPeak();
        heap.start();
        if (lag != null) {
            lag.start();
        }
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        List<Future<String>> started = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            if (perSecond > 0) {
                long wait = t0 + (long) (i * 1000 / perSecond) - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            started.add(clients.submit(starter::start));
        }
        List<String> instances = new ArrayList<>();
        for (Future<String> f : started) {
            instances.add(f.get());
        }
        clients.shutdown();
        awaitEnded(instances, Duration.ofMinutes(10));
        heap.end();
        if (lag != null) {
            lag.stopSampling();
        }
        List<HistoricProcessInstance> done = new ArrayList<>();
        for (int i = 0; i < instances.size(); i += 500) {
            List<String> chunk = instances.subList(i, Math.min(instances.size(), i + 500));
            done.addAll(history.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(chunk)).list());
        }
        List<Long> latencies = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (HistoricProcessInstance p : done) {
            latencies.add(p.getEndTime().getTime() - p.getStartTime().getTime());
            first = Math.min(first, p.getStartTime().getTime());
            last = Math.max(last, p.getEndTime().getTime());
        }
        Collections.sort(latencies);
        double throughput = n * 1000.0 / Math.max(1, last - first);
        Phase phase = new Phase(name, n, throughput, percentile(latencies, 50), percentile(latencies, 99),
                latencies.get(latencies.size() - 1), heap.peak(), 0, 0);
        System.out.printf("  %-18s %5d done, %.1f/s%n", name, n, throughput);
        return phase;
    }

    private void awaitEnded(List<String> instances, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long ended = 0;
            for (int i = 0; i < instances.size(); i += 500) {
                List<String> chunk = instances.subList(i, Math.min(instances.size(), i + 500));
                ended += history.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(chunk))
                        .finished().count();
            }
            if (ended == instances.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(ended + " of " + instances.size() + " ended within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private void report(int n, Phase a, Phase b) {
        Runtime rt = Runtime.getRuntime();
        System.out.println();
        System.out.printf("Exchange benchmark — %d per phase, %d concurrent clients, %d cores, max heap %d MiB, peers %d ms%n",
                n, concurrency, rt.availableProcessors(), rt.maxMemory() >> 20, PEER_LATENCY.toMillis());
        System.out.println("| phase | throughput (/s) | p50 (ms) | p99 (ms) | max (ms) | peak heap (MiB) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Phase p : List.of(a, b)) {
            System.out.printf("| %s | %.1f | %d | %d | %d | %d |%n", p.name(), p.throughput(), p.p50(), p.p99(), p.max(),
                    p.peakHeap() >> 20);
        }
        System.out.printf("ratio (b)/(a) throughput: %.2f (target ≥ 0.70)%n", b.throughput() / a.throughput());
        System.out.printf("Elasticsearch lag during (b): oldest outbox document %d ms; outbox empty %d ms after the last exchange ended%n",
                b.lagMillis(), b.drainMillis());
        System.out.printf("started at %s%n", Instant.now());
    }

    /** Samples the heap in use every 50 ms and keeps the highest value. */
    private static final class HeapPeak extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapPeak() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peak() {
            return peak.get();
        }

        void end() {
            running = false;
        }

        @Override
        public void interrupt() {
            running = false;
            super.interrupt();
        }
    }

    /** How old the oldest document waiting for Elasticsearch gets, and how long the outbox takes to empty. */
    private final class MonitoringLag extends Thread {
        private final AtomicLong maxAge = new AtomicLong();
        private volatile boolean running = true;
        private long drain;

        MonitoringLag() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                Long age = jdbc.queryForObject(
                        "select coalesce((extract(epoch from now() - min(created_at)) * 1000)::bigint, 0) from lgsp.monitoring_outbox",
                        Long.class);
                maxAge.accumulateAndGet(age == null ? 0 : age, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() throws InterruptedException {
            running = false;
            join();
            long t0 = System.nanoTime();
            while (jdbc.queryForObject("select count(*) from lgsp.monitoring_outbox", Long.class) > 0) {
                Thread.sleep(50);
            }
            drain = (System.nanoTime() - t0) / 1_000_000;
        }

        long maxAgeMillis() {
            return maxAge.get();
        }

        long drainMillis() {
            return drain;
        }
    }

    private String token(Map<String, String> form) {
        try {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloak))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode token = json.readTree(response.body());
            return token.path("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("no token: " + e.getMessage(), e);
        }
    }

    /** Tokens renewed every minute, well inside their five-minute life. */
    private static final class TokenCache {
        private final Supplier<String> fetch;
        private String token;
        private long fetchedAt;

        TokenCache(Supplier<String> fetch) {
            this.fetch = fetch;
        }

        synchronized String get() {
            if (token == null || System.currentTimeMillis() - fetchedAt > 60_000) {
                token = fetch.get();
                fetchedAt = System.currentTimeMillis();
            }
            return token;
        }
    }
}
