package vn.hanoi.lgsp.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The supervisors' dashboard over 1,000,000 transaction documents: the
 * documents are generated straight into Elasticsearch (30 days, 300 agencies, the platform's
 * index template), then each figure set is asked for repeatedly:
 * <ul>
 *   <li>(a) baseline — one search per figure (outcomes, latency percentiles, by agency, by route,
 *       by kind, gateway by service, gateway by consumer, top errors), one after the other, as a
 *       page that asks for each figure on its own would;</li>
 *   <li>(b) the platform's single search with every aggregation ({@code TransactionFigures});</li>
 *   <li>(c) {@code GET /api/v1/monitoring/overview} end to end over HTTP with a supervisor's
 *       token: security, the search, the exchange counts from PostgreSQL and JSON.</li>
 * </ul>
 * For today, 7 days and 30 days, city-wide and for one busy agency. Every request has a new
 * "now", so Elasticsearch's request cache cannot answer it.
 */
public final class DashboardBenchmark {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String[] ERRORS = {"VALIDATION_FAILED", "NOT_GRANTED", "UPSTREAM_TIMEOUT", "UPSTREAM_UNAVAILABLE",
        "RATE_LIMITED", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INTEGRITY_FAILED", "PAYLOAD_TOO_LARGE",
        "BAD_UPSTREAM_RESPONSE", "DUPLICATE", "UNKNOWN_AGENCY", "RETIRED", "INTERNAL_ERROR"};
    private static final String[] KINDS = {"api-call", "gateway-call", "exchange-routed", "exchange-delivery",
        "exchange-receipt", "exchange-result"};
    private static final double[] KIND_WEIGHTS = {0.45, 0.35, 0.05, 0.05, 0.05, 0.05};
    private static final int AGENCIES = 300;
    private static final int WARM_UP_REQUESTS = Integer.getInteger("bench.warm-up-requests", 10);
    private static final int SERVICES = 80;

    private final ConfigurableApplicationContext platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String elasticsearch;
    private final String prefix;
    private final int documents;
    private final int requests;

    private DashboardBenchmark(ConfigurableApplicationContext platform, int documents, int requests) {
        this.platform = platform;
        this.elasticsearch = platform.getEnvironment().getProperty("spring.elasticsearch.uris").split(",")[0];
        this.prefix = platform.getBean(vn.hanoi.lgsp.monitoring.MonitoringSettings.class).indexPrefix();
        this.documents = documents;
        this.requests = requests;
    }

    public static void main(String[] args) {
        System.exit(runOnce() ? 0 : 1);
    }

    /**
     * One run with the sizes of the {@code bench.*} system properties, on the development servers
     * of this JVM (started fresh unless an earlier run in it left them up). True if it completed
     * and the platform's figures count every generated document.
     */
    static boolean runOnce() {
        int documents = Integer.getInteger("bench.documents", 1_000_000);
        int requests = Integer.getInteger("bench.requests", 100);
        System.out.printf("Starting the platform (fresh servers); %,d documents, %d requests per case%n", documents, requests);
        // no workers: nothing here runs an external task
        return BenchPlatform.run("dashboard", java.util.List.of("--lgsp.roles=engine,simulators"),
                platform -> new DashboardBenchmark(platform, documents, requests).run());
    }

    private boolean run() throws Exception {
        // the platform puts its index templates in place when it first ships a document
        platform.getBean(vn.hanoi.lgsp.monitoring.TransactionLog.class).record(
                vn.hanoi.lgsp.monitoring.TransactionDocument.milestone("bench-start", "bench-started", agency(0), null,
                        "production"));
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_index_template/" + prefix)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("the index template " + prefix + " was not applied");
            }
            Thread.sleep(200);
        }
        Instant now = Instant.now();
        long started = System.nanoTime();
        generate(now);
        double seconds = (System.nanoTime() - started) / 1e9;
        post("/" + prefix + "-*/_refresh", "");
        long indexed = json.readTree(get("/" + prefix + "-*/_count")).path("count").asLong();
        System.out.printf("Indexed %,d documents in %.1f s (%,.0f/s)%n", indexed, seconds, indexed / seconds);
        if (indexed < documents) {
            throw new IllegalStateException("only " + indexed + " of " + documents + " documents were indexed");
        }

        String busy = agency(0);
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) platform).getWebServer().getPort();
        ElasticsearchClient client = platform.getBean(ElasticsearchClient.class);
        vn.hanoi.lgsp.monitoring.TransactionFigures figures =
                platform.getBean(vn.hanoi.lgsp.monitoring.TransactionFigures.class);

        List<String> rows = new ArrayList<>();
        for (String period : List.of("today", "7d", "30d")) {
            for (String scope : Arrays.asList(null, busy)) {
                Supplier<Instant[]> span = () -> span(period, Instant.now());
                long matching = matching(client, span.get(), scope);
                Stats a = measure(() -> perFigure(client, span.get(), scope));
                Stats b = measure(() -> figures.overview(vn.hanoi.lgsp.monitoring.TransactionFigures.Filter.period(
                        span.get()[0], span.get()[1], scope)));
                // a token lives 5 minutes: a fresh one for each case
                String supervisor = supervisorToken();
                Stats c = measure(() -> overviewOverHttp(base, supervisor, period, scope));
                rows.add(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s |", period,
                        scope == null ? "city" : "one agency", matching, a, b, c));
            }
        }
        String supervisor = supervisorToken();
        Stats list = measure(() -> {
            try {
                return send(base + "/api/v1/monitoring/transactions?period=30d&code=01&limit=100", supervisor);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println();
        System.out.printf("Dashboard over %,d transaction documents, %d requests per case after %d warm-up, "
                + "p50 / p95 / max in ms%n%n", indexed, requests, WARM_UP_REQUESTS);
        System.out.println("| period | scope | documents in span | (a) one search per figure, 8 searches | (b) one search, "
                + "every aggregation | (c) GET /overview over HTTP |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf("%nGET /transactions?period=30d&code=01&limit=100 over HTTP: %s%n", list);

        // the platform's figures over the whole span count what Elasticsearch holds in it, the generated documents among them
        Instant[] month = span("30d", Instant.now());
        long held = matching(client, month, null);
        long counted = figures.overview(vn.hanoi.lgsp.monitoring.TransactionFigures.Filter.period(month[0], month[1], null))
                .total();
        System.out.printf("documents generated: %,d; in the 30-day span: %,d; counted by the overview: %,d%n", documents,
                held, counted);
        if (counted != held || held < documents) {
            System.out.println("COUNTS DO NOT BALANCE: the overview's total differs from the documents in its span");
            return false;
        }
        return true;
    }

    // ---- the documents ----

    private void generate(Instant now) throws Exception {
        SplittableRandom random = new SplittableRandom(20261203L);
        int batch = 10_000;
        StringBuilder body = new StringBuilder(batch * 420);
        for (int i = 0; i < documents; i++) {
            // uniform over the last 30 days: a day holds about 1/30 of them
            Instant at = now.minusMillis(random.nextLong(Duration.ofDays(30).toMillis()));
            String kind = pick(random);
            // a few agencies are far busier than the rest, as departments are against communes
            String source = agency((int) (AGENCIES * Math.pow(random.nextDouble(), 3)));
            boolean failed = random.nextDouble() < 0.06;
            long duration = 15 + (long) (-Math.log(1 - random.nextDouble()) * (kind.equals("gateway-call") ? 180 : 60));
            Map<String, Object> document = new java.util.LinkedHashMap<>();
            String id = "bench-" + i;
            document.put("transactionId", id);
            document.put("timestamp", at.toString());
            document.put("kind", kind);
            document.put("sourceAgency", source);
            document.put("code", failed ? "01" : "00");
            if (failed) {
                document.put("error", ERRORS[(int) (ERRORS.length * Math.pow(random.nextDouble(), 2))]);
            }
            document.put("durationMs", duration);
            document.put("environment", "production");
            switch (kind) {
                case "api-call" -> {
                    document.put("method", "POST");
                    document.put("path", "/api/v1/exchanges");
                    document.put("httpStatus", failed ? 400 : 202);
                }
                case "gateway-call" -> {
                    int service = (int) (SERVICES * Math.pow(random.nextDouble(), 2));
                    document.put("destinationAgency", agency(service % 40));
                    document.put("service", "service-" + service);
                    document.put("serviceVersion", "v1");
                    document.put("httpStatus", failed ? 504 : 200);
                    document.put("upstreamMs", Math.max(1, duration - 10));
                }
                default -> {
                    document.put("destinationAgency", agency(random.nextInt(AGENCIES)));
                    document.put("route", random.nextDouble() < 0.8 ? "LOCAL" : "NDXP");
                    document.put("exchangeId", "00000000-0000-4000-8000-" + String.format("%012d", i / 4));
                }
            }
            body.append("{\"create\":{\"_index\":\"").append(prefix).append('-').append(MONTH.format(at))
                    .append("\",\"_id\":\"").append(id).append("\"}}\n");
            body.append(json.writeValueAsString(document)).append('\n');
            if ((i + 1) % batch == 0 || i == documents - 1) {
                bulk(body.toString());
                body.setLength(0);
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("  %,d documents%n", i + 1);
                }
            }
        }
    }

    private static String pick(SplittableRandom random) {
        double r = random.nextDouble();
        for (int k = 0; k < KINDS.length; k++) {
            r -= KIND_WEIGHTS[k];
            if (r < 0) {
                return KINDS[k];
            }
        }
        return KINDS[0];
    }

    private static String agency(int n) {
        return String.format("000.%02d.%02d.H26", n / 100, n % 100);
    }

    private void bulk(String ndjson) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_bulk"))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode result = json.readTree(answer.body());
        if (answer.statusCode() != 200 || result.path("errors").asBoolean()) {
            throw new IllegalStateException("bulk refused: " + answer.body().substring(0, Math.min(800, answer.body().length())));
        }
    }

    // ---- the cases ----

    private static Instant[] span(String period, Instant now) {
        return switch (period) {
            case "today" -> new Instant[] {now.atZone(HANOI).toLocalDate().atStartOfDay(HANOI).toInstant(), now};
            case "7d" -> new Instant[] {now.minus(Duration.ofDays(7)), now};
            default -> new Instant[] {now.minus(Duration.ofDays(30)), now};
        };
    }

    private String index() {
        return prefix + "-*";
    }

    private static Query filter(Instant[] span, String agency) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.range(r -> r.date(d -> d.field("timestamp").gte(span[0].toString()).lt(span[1].toString()))));
            if (agency != null) {
                b.filter(f -> f.bool(e -> e.should(s -> s.term(t -> t.field("sourceAgency").value(agency)))
                        .should(s -> s.term(t -> t.field("destinationAgency").value(agency))).minimumShouldMatch("1")));
            }
            return b;
        }));
    }

    private long matching(ElasticsearchClient client, Instant[] span, String agency) throws Exception {
        return client.count(c -> c.index(index()).query(filter(span, agency))).count();
    }

    /** The baseline: what a page asking for each figure on its own sends, one search after another. */
    private Object perFigure(ElasticsearchClient client, Instant[] span, String agency) {
        Query query = filter(span, agency);
        Query gateway = Query.of(q -> q.bool(b -> b.filter(query).filter(f -> f.term(t -> t.field("kind").value("gateway-call")))));
        Query failed = Query.of(q -> q.bool(b -> b.filter(query).filter(f -> f.term(t -> t.field("code").value("01")))));
        Aggregation byCode = Aggregation.of(a -> a.terms(t -> t.field("code").size(10)));
        List<Object[]> figures = List.of(
                new Object[] {query, Aggregation.of(a -> a.terms(t -> t.field("code").size(10)))},
                new Object[] {query, Aggregation.of(a -> a.percentiles(p -> p.field("durationMs").percents(50.0, 95.0)))},
                new Object[] {query, Aggregation.of(a -> a.terms(t -> t.field("sourceAgency").size(5000))
                        .aggregations("outcome", byCode))},
                new Object[] {query, Aggregation.of(a -> a.terms(t -> t.field("route").size(1000)).aggregations("outcome", byCode))},
                new Object[] {query, Aggregation.of(a -> a.terms(t -> t.field("kind").size(1000)).aggregations("outcome", byCode))},
                new Object[] {gateway, Aggregation.of(a -> a.terms(t -> t.field("service").size(1000))
                        .aggregations("outcome", byCode))},
                new Object[] {gateway, Aggregation.of(a -> a.terms(t -> t.field("sourceAgency").size(5000))
                        .aggregations("outcome", byCode))},
                new Object[] {failed, Aggregation.of(a -> a.terms(t -> t.field("error").size(10)))});
        long answered = 0;
        for (Object[] figure : figures) {
            try {
                answered += client.search(s -> s.index(index()).size(0).trackTotalHits(t -> t.enabled(true))
                        .query((Query) figure[0]).aggregations("figure", (Aggregation) figure[1]), Void.class)
                        .hits().total().value();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return answered;
    }

    private Object overviewOverHttp(String base, String token, String period, String agency) {
        try {
            return send(base + "/api/v1/monitoring/overview?period=" + period
                    + (agency == null ? "" : "&agency=" + URLEncoder.encode(agency, StandardCharsets.UTF_8)), token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String send(String url, String token) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    record Stats(double p50, double p95, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", p50, p95, max);
        }
    }

    private Stats measure(Supplier<Object> call) {
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            call.get();
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        return new Stats(millis[(int) Math.ceil(0.50 * requests) - 1], millis[(int) Math.ceil(0.95 * requests) - 1],
                millis[requests - 1]);
    }

    // ---- plumbing ----

    private String supervisorToken() throws Exception {
        String tokenUrl = platform.getEnvironment().getProperty("lgsp.keycloak.url")
                + "/realms/lgsp/protocol/openid-connect/token";
        String form = "grant_type=password&client_id=lgsp-cli&username=supervisor&password="
                + URLEncoder.encode("HaNoi#2025", StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(answer.body()).path("access_token").asText();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(elasticsearch + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void post(String path, String body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(elasticsearch + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
