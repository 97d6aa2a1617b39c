package vn.hanoi.lgsp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.simulators.KeycloakTokenVerifier;
import vn.hanoi.lgsp.simulators.ServiceProviderSimulator;

/**
 * The data-sharing gateway against its provider, in one run on the same machine with the
 * whole stack up (platform, Keycloak, PostgreSQL, Elasticsearch, simulators):
 * <ul>
 *   <li>(a) the simulated provider called directly, answering after 20 ms;</li>
 *   <li>(b) a peer: HAProxy (Debian's package) in front of the same provider, set up as a typical
 *       API gateway — the consumer's Keycloak token checked (RS256 signature, issuer, expiry), a
 *       per-consumer rate limit in a stick table, the provider's own token put in, one access-log
 *       line per call;</li>
 *   <li>(c) the same call through {@code /api/v1/gateway/...} with a valid grant, quotas high,
 *       monitoring and the audit journal on.</li>
 * </ul>
 * Saturated throughput is measured with {@code wrk} (Debian's package), the same for each;
 * added latency with a paced JDK client at a fixed rate, the same for each. After the run it
 * checks that the counts balance: every call that reached the provider through the gateway has
 * exactly one audit entry and one monitoring document, every call through HAProxy one log line,
 * and no phase had a failed call. Any difference fails the run (exit status 1).
 */
public final class GatewayBenchmark {

    private static final String WARD = "000.00.61.H26";
    private static final String JUSTICE = "000.00.13.H26";
    private static final String SERVICE = "bench-gateway";
    private static final Duration PROVIDER_LATENCY = Duration.ofMillis(20);
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_TOTAL = Pattern.compile("([0-9]+) requests in");
    private static final Pattern WRK_P99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern WRK_ERRORS = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");

    private final ConfigurableApplicationContext platform;
    private final String baseUrl;
    private final String tokenUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final int connections;
    private final Duration duration;
    private final int pacedRate;
    private final Duration pacedDuration;
    private final Duration warmUp;

    private GatewayBenchmark(ConfigurableApplicationContext platform, int connections, Duration duration, int pacedRate,
                             Duration pacedDuration, Duration warmUp) {
        this.platform = platform;
        this.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) platform).getWebServer().getPort();
        this.tokenUrl = platform.getEnvironment().getProperty("lgsp.keycloak.url") + "/realms/lgsp/protocol/openid-connect/token";
        this.connections = connections;
        this.duration = duration;
        this.pacedRate = pacedRate;
        this.pacedDuration = pacedDuration;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) {
        System.exit(runOnce() ? 0 : 1);
    }

    /**
     * One run with the sizes of the {@code bench.*} system properties, on the development servers
     * of this JVM (started fresh unless an earlier run in it left them up). True if it completed
     * and its counts balance.
     */
    static boolean runOnce() {
        int connections = Integer.getInteger("bench.connections", 64);
        Duration duration = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
        int pacedRate = Integer.getInteger("bench.paced-rate", 200);
        Duration pacedDuration = Duration.ofSeconds(Integer.getInteger("bench.paced-seconds", 15));
        // long enough for the JIT to finish compiling the gateway's path, which otherwise takes a third of the CPU
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warm-up-seconds", 30));
        try {
            requireCommand("wrk");
            requireCommand("haproxy");
        } catch (Exception e) {
            e.printStackTrace(System.out);
            return false;
        }
        System.out.printf("Starting the platform (fresh servers); wrk with %d connections for %d s, paced %d req/s for %d s%n",
                connections, duration.toSeconds(), pacedRate, pacedDuration.toSeconds());
        // no workers: nothing here runs an external task
        return BenchPlatform.run("gateway", List.of("--server.tomcat.threads.max=256", "--lgsp.roles=engine,simulators"),
                platform -> {
                    // the simulated systems connect in the background: measured traffic starts after them
                    platform.getBean(vn.hanoi.lgsp.simulators.Simulators.class).awaitConnected(Duration.ofMinutes(2));
                    return new GatewayBenchmark(platform, connections, duration, pacedRate, pacedDuration, warmUp).run();
                });
    }

    private boolean run() throws Exception {
        String issuer = platform.getEnvironment().getProperty("lgsp.keycloak.url") + "/realms/lgsp";
        try (ServiceProviderSimulator provider = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                new KeycloakTokenVerifier(issuer, JUSTICE), 512))) {
            provider.start();
            provider.behaviour().setLatency(PROVIDER_LATENCY);
            register(provider.baseUrl());
            // tokens live five minutes: each phase gets fresh ones
            Map<String, String> consumerForm = Map.of("grant_type", "client_credentials", "client_id",
                    "phuonghoankiem-system", "client_secret", "Hoankiem#Demo2025");
            // what the gateway itself shows the provider: the same audience-bound token
            Map<String, String> gatewayForm = Map.of("grant_type", "client_credentials", "client_id", "lgsp-gateway",
                    "client_secret", "lgsp-gateway-dev-secret", "scope", "lgsp-provider-" + JUSTICE);
            // each way in calls its own path, so the provider counts each kind apart
            String directUrl = provider.baseUrl() + "/echo/direct";
            String gatewayUrl = baseUrl + "/api/v1/gateway/" + SERVICE + "/v1/echo/bench";
            // the first gateway call makes the provider's audience scope in Keycloak
            check(gatewayUrl, token(consumerForm));

            try (PeerGateway haproxy = PeerGateway.start(issuer, http, json, provider.baseUrl(), token(gatewayForm))) {
                String peerUrl = haproxy.baseUrl() + "/echo/haproxy";
                check(peerUrl, token(consumerForm));
                System.out.println("warm-up...");
                Duration shortWarmUp = Duration.ofSeconds(Math.max(1, warmUp.toSeconds() / 6));
                wrk(directUrl, token(gatewayForm), shortWarmUp);
                wrk(peerUrl, token(consumerForm), shortWarmUp);
                wrk(gatewayUrl, token(consumerForm), warmUp);

                Wrk a = wrk(directUrl, token(gatewayForm), duration);
                haproxy.providerToken(token(gatewayForm));
                Wrk b = wrk(peerUrl, token(consumerForm), duration);
                Wrk c = wrk(gatewayUrl, token(consumerForm), duration);
                Paced pa = paced(directUrl, token(gatewayForm));
                haproxy.providerToken(token(gatewayForm));
                Paced pb = paced(peerUrl, token(consumerForm));
                Snapshot before = snapshot();
                Paced pc = paced(gatewayUrl, token(consumerForm));
                Snapshot during = snapshot().minus(before);
                // every call of the run, warm-up included, against what was logged, journalled and indexed
                long throughPeer = provider.calls("/echo/haproxy");
                long peerLog = haproxy.loggedCalls();
                long peerDropped = haproxy.droppedLogLines();
                long throughGateway = provider.calls("/echo/bench");
                long journal = journalled();
                long documents = indexedDocuments();
                report(a, b, c, pa, pb, pc);
                System.out.println("During (c) paced, inside the platform's JVM:");
                System.out.println(during.describe());
                System.out.printf("calls through HAProxy that reached the provider: %d; its access-log lines: %d "
                        + "(and %d it dropped under load, as it does rather than slow a call)%n", throughPeer, peerLog, peerDropped);
                System.out.printf("calls through the gateway that reached the provider: %d; audit entries: %d; "
                        + "monitoring documents: %d%n", throughGateway, journal, documents);
                System.out.printf("(direct calls to the provider, warm-up included: %d)%n", provider.calls("/echo/direct"));
                List<String> problems = new ArrayList<>();
                if (throughGateway != journal || journal != documents) {
                    problems.add("gateway calls, audit entries and monitoring documents differ");
                }
                if (throughPeer != peerLog + peerDropped) {
                    problems.add("HAProxy's calls and its log lines (written or dropped) differ");
                }
                for (Wrk w : List.of(a, b, c)) {
                    if (w.non2xx() > 0 || w.requests() == 0) {
                        problems.add(w.requests() + " calls, " + w.non2xx() + " not 2xx in a wrk phase");
                    }
                }
                for (Paced p : List.of(pa, pb, pc)) {
                    if (p.failed() > 0) {
                        problems.add(p.failed() + " paced calls failed");
                    }
                }
                problems.forEach(p -> System.out.println("COUNTS DO NOT BALANCE: " + p));
                return problems.isEmpty();
            }
        }
    }

    private void register(String providerUrl) {
        ServiceCatalog catalog = platform.getBean(ServiceCatalog.class);
        catalog.register(new ServiceCatalog.NewService(SERVICE, "Dịch vụ đo tải cổng chia sẻ dữ liệu", null, JUSTICE,
                DataClassification.PUBLIC, "v1", providerUrl, null, null, null, null), "bench");
        catalog.moveVersion(SERVICE, "v1", VersionStatus.TEST, "bench");
        catalog.moveVersion(SERVICE, "v1", VersionStatus.PUBLISHED, "bench");
        platform.getBean(AccessGrants.class).grant(WARD, SERVICE, "v1", AccessGrant.Environment.PRODUCTION, "bench",
                1_000_000_000);
        platform.getBean(JdbcTemplate.class).update("""
                insert into lgsp.gateway_policy (service_code, version, quota, updated_by) values (?, 'v1', 1000000000, 'bench')""",
                SERVICE);
    }

    private void check(String url, String token) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the gateway refused the benchmark call: " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    // ---- saturated: wrk ----

    record Wrk(double rate, long requests, double p99Ms, long non2xx, String output) {
    }

    private Wrk wrk(String url, String token, Duration length) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + length.toSeconds() + "s",
                "--latency", "-H", "Authorization: Bearer " + token, url).redirectErrorStream(true).start();
        String output;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output = reader.lines().collect(Collectors.joining("\n"));
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        // calls wrk left in flight when it stopped finish before the next phase starts counting
        Thread.sleep(1000);
        return new Wrk(number(WRK_RATE, output), (long) number(WRK_TOTAL, output), p99(output),
                (long) number(WRK_ERRORS, output), output);
    }

    private static double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double p99(String text) {
        Matcher m = WRK_P99.matcher(text);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    // ---- paced: a JDK client sending at a fixed rate ----

    record Paced(int sent, int failed, double p50Ms, double p99Ms) {
    }

    private Paced paced(String url, String token) throws Exception {
        // blocking sends on pooled threads: the JDK client's asynchronous API starts a thread per answer on
        // a two-core machine (its default executor), which would load the machine under measurement
        java.util.concurrent.ExecutorService senders = Executors.newCachedThreadPool();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(senders).build();
        int total = (int) (pacedRate * pacedDuration.toSeconds());
        long[] latencies = new long[total];
        AtomicInteger failed = new AtomicInteger();
        List<java.util.concurrent.Future<?>> pending = new ArrayList<>(total);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
        long intervalNanos = 1_000_000_000L / pacedRate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int index = i;
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pending.add(senders.submit(() -> {
                long sent = System.nanoTime();
                try {
                    HttpResponse<Void> answer = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                latencies[index] = System.nanoTime() - sent;
            }));
        }
        for (java.util.concurrent.Future<?> f : pending) {
            f.get();
        }
        senders.shutdown();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Paced(total, failed.get(), sorted[(int) (total * 0.50)] / 1e6, sorted[(int) Math.min(total - 1, total * 0.99)] / 1e6);
    }

    // ---- where a paced call's time goes: the journal's commits and the collector's pauses ----

    /** Cumulative counts of the journal's timers at their buckets, and the collectors' counts and times. */
    record Snapshot(double[] waitAbove, double waits, double[] commitAbove, double commits, long gcCount, long gcMillis) {
        static final int[] LIMITS_MS = {5, 10, 20, 50, 100};

        Snapshot minus(Snapshot o) {
            double[] w = new double[LIMITS_MS.length];
            double[] c = new double[LIMITS_MS.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = waitAbove[i] - o.waitAbove[i];
                c[i] = commitAbove[i] - o.commitAbove[i];
            }
            return new Snapshot(w, waits - o.waits, c, commits - o.commits, gcCount - o.gcCount, gcMillis - o.gcMillis);
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            text.append(String.format("  audit-journal waits: %.0f; longer than", waits));
            for (int i = 0; i < LIMITS_MS.length; i++) {
                text.append(String.format(" %d ms: %.0f;", LIMITS_MS[i], waitAbove[i]));
            }
            text.append(String.format("%n  group commits: %.0f; longer than", commits));
            for (int i = 0; i < LIMITS_MS.length; i++) {
                text.append(String.format(" %d ms: %.0f;", LIMITS_MS[i], commitAbove[i]));
            }
            text.append(String.format("%n  garbage collections: %d, %d ms in all (%s)", gcCount, gcMillis,
                    java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(java.lang.management.GarbageCollectorMXBean::getName).collect(Collectors.joining(", "))));
            return text.toString();
        }
    }

    private Snapshot snapshot() {
        io.micrometer.core.instrument.MeterRegistry registry = platform.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        io.micrometer.core.instrument.Timer wait = registry.get("lgsp.audit.durable.wait").timer();
        io.micrometer.core.instrument.Timer commit = registry.get("lgsp.audit.commit").timer();
        long gcCount = 0;
        long gcMillis = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshot(above(wait), wait.count(), above(commit), commit.count(), gcCount, gcMillis);
    }

    /** How many recorded times were longer than each limit. */
    private static double[] above(io.micrometer.core.instrument.Timer timer) {
        var snapshot = timer.takeSnapshot();
        double[] result = new double[Snapshot.LIMITS_MS.length];
        for (int i = 0; i < result.length; i++) {
            double limitNanos = Snapshot.LIMITS_MS[i] * 1_000_000.0;
            double within = 0;
            for (var bucket : snapshot.histogramCounts()) {
                if (bucket.bucket() <= limitNanos) {
                    within = Math.max(within, bucket.count());
                }
            }
            result[i] = snapshot.count() - within;
        }
        return result;
    }

    // ---- counting what was journalled and indexed ----

    private long journalled() {
        return platform.getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from lgsp.audit_journal where action = 'gateway.call' and target = ?", Long.class,
                SERVICE + "/v1");
    }

    private long indexedDocuments() throws Exception {
        JdbcTemplate jdbc = platform.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && jdbc.queryForObject(
                "select count(*) from lgsp.monitoring_outbox where index_name like 'lgsp-transactions-%'", Long.class) > 0) {
            Thread.sleep(200);
        }
        RestClient elasticsearch = platform.getBean(RestClient.class);
        elasticsearch.performRequest(new Request("POST", "/_refresh"));
        Request count = new Request("GET", "/lgsp-transactions-*/_count");
        count.setJsonEntity("{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"kind\":\"gateway-call\"}},"
                + "{\"term\":{\"service\":\"" + SERVICE + "\"}}]}}}");
        var answer = json.readTree(elasticsearch.performRequest(count).getEntity().getContent());
        return answer.path("count").asLong();
    }

    private void report(Wrk a, Wrk b, Wrk c, Paced pa, Paced pb, Paced pc) {
        System.out.println();
        System.out.println("== Gateway benchmark (provider answers in " + PROVIDER_LATENCY.toMillis() + " ms; wrk -t2 -c"
                + connections + " -d" + duration.toSeconds() + "s)");
        System.out.printf("| phase | throughput (req/s) | requests | p99 (ms) | non-2xx |%n|---|---|---|---|---|%n");
        System.out.printf("| (a) provider directly | %.0f | %d | %.1f | %d |%n", a.rate(), a.requests(), a.p99Ms(), a.non2xx());
        System.out.printf("| (b) through HAProxy | %.0f | %d | %.1f | %d |%n", b.rate(), b.requests(), b.p99Ms(), b.non2xx());
        System.out.printf("| (c) through the LGSP gateway | %.0f | %d | %.1f | %d |%n", c.rate(), c.requests(), c.p99Ms(), c.non2xx());
        System.out.printf("%n== Paced %d req/s for %d s (JDK client)%n", pacedRate, pacedDuration.toSeconds());
        System.out.printf("| phase | sent | failed | p50 (ms) | p99 (ms) | added p50 (ms) | added p99 (ms) |%n"
                + "|---|---|---|---|---|---|---|%n");
        System.out.printf("| (a) provider directly | %d | %d | %.2f | %.2f | | |%n", pa.sent(), pa.failed(), pa.p50Ms(), pa.p99Ms());
        for (Object[] row : List.of(new Object[] {"(b) through HAProxy", pb}, new Object[] {"(c) through the LGSP gateway", pc})) {
            Paced p = (Paced) row[1];
            System.out.printf("| %s | %d | %d | %.2f | %.2f | %.2f | %.2f |%n", row[0], p.sent(), p.failed(), p.p50Ms(),
                    p.p99Ms(), p.p50Ms() - pa.p50Ms(), p.p99Ms() - pa.p99Ms());
        }
        System.out.println();
    }

    private String token(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + answer.body());
        }
        return json.readTree(answer.body()).path("access_token").asText();
    }

    private static void requireCommand(String command) throws Exception {
        try {
            new ProcessBuilder(command, command.equals("wrk") ? "--version" : "-v").redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("the gateway benchmark needs " + command + ": apt-get install " + command);
        }
    }
}
