package vn.hanoi.lgsp.monitoring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldSort;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The figures supervisors follow (R-20, Đ12.1), from the transaction documents: one search
 * with aggregations answers a whole dashboard, so its cost does not grow with the number of
 * figures. Counts and latencies only, never content.
 */
@Component
public class TransactionFigures {

    /** Buckets per breakdown: every agency of the city (a few thousand) fits, errors and routes far fewer. */
    static final int MAX_AGENCIES = 5_000;
    static final int MAX_SERVICES = 1_000;
    static final int TOP_ERRORS = 10;
    public static final int MAX_LIST = 100;
    private static final String SUCCESS = "00";
    private static final String FAILURE = "01";
    private static final String GATEWAY_CALL = "gateway-call";
    private static final String ZONE = "Asia/Ho_Chi_Minh";

    /**
     * Which transactions: {@code from <= timestamp < to}; {@code agency}, when given, keeps
     * those it sent or received; the other fields, when given, must match exactly.
     */
    public record Filter(Instant from, Instant to, String agency, String source, String destination, String route,
                         String kind, String code, String service, String error, String exchangeId) {

        public Filter {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        public static Filter period(Instant from, Instant to, String agency) {
            return new Filter(from, to, agency, null, null, null, null, null, null, null, null);
        }
    }

    /** Transactions that ended with {@code 00} and with {@code 01}. */
    public record Outcome(String key, long total, long succeeded, long failed) {
    }

    public record ErrorCount(String error, long count) {
    }

    /**
     * @param successRate succeeded / total, null without transactions
     * @param p50Ms       median duration of the transactions that have one, null without any
     */
    public record Overview(long total, long succeeded, long failed, Double successRate, Double p50Ms, Double p95Ms,
                           List<Outcome> byAgency, List<Outcome> byRoute, List<Outcome> byKind,
                           List<Outcome> gatewayByService, List<Outcome> gatewayByConsumer, List<ErrorCount> topErrors,
                           String interval, List<Point> timeline) {
    }

    /**
     * One hour or one day of the period, in Vietnam's time: every bucket is there, empty ones too,
     * so a chart's time axis has no gaps.
     *
     * @param successRate null without transactions in the bucket
     */
    public record Point(Instant start, long total, long succeeded, long failed, Double successRate, Double p95Ms) {
    }

    /** Hours for a period of up to two days, days beyond. */
    static String interval(Instant from, Instant to) {
        return java.time.Duration.between(from, to).compareTo(java.time.Duration.ofDays(2)) <= 0 ? "hour" : "day";
    }

    private final ElasticsearchClient elasticsearch;
    private final ObjectMapper json;
    private final String indices;

    TransactionFigures(ElasticsearchClient elasticsearch, ObjectMapper json, MonitoringSettings settings) {
        this.elasticsearch = elasticsearch;
        this.json = json;
        this.indices = settings.indexPrefix() + "-*";
    }

    /** Every figure of the dashboard for the transactions {@code filter} keeps, in one search. */
    public Overview overview(Filter filter) {
        SearchResponse<Void> response;
        try {
            response = elasticsearch.search(s -> s.index(indices).ignoreUnavailable(true).allowNoIndices(true)
                    .size(0)
                    .trackTotalHits(t -> t.enabled(true))
                    .query(query(filter))
                    .aggregations("outcome", outcomes())
                    .aggregations("latency", a -> a.percentiles(p -> p.field("durationMs").percents(50.0, 95.0)))
                    .aggregations("byAgency", byOutcome("sourceAgency", MAX_AGENCIES))
                    .aggregations("byRoute", byOutcome("route", MAX_SERVICES))
                    .aggregations("byKind", byOutcome("kind", MAX_SERVICES))
                    .aggregations("gateway", a -> a
                            .filter(f -> f.term(t -> t.field("kind").value(GATEWAY_CALL)))
                            .aggregations("byService", byOutcome("service", MAX_SERVICES))
                            .aggregations("byConsumer", byOutcome("sourceAgency", MAX_AGENCIES)))
                    .aggregations("errors", a -> a
                            .filter(f -> f.term(t -> t.field("code").value(FAILURE)))
                            .aggregations("top", t -> t.terms(x -> x.field("error").size(TOP_ERRORS))))
                    .aggregations("timeline", timeline(filter)), Void.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compute the transaction figures", e);
        }
        Map<String, Aggregate> aggs = response.aggregations();
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        String interval = interval(filter.from(), filter.to());
        if (aggs == null || aggs.get("outcome") == null) {
            // no index yet: nothing was ever recorded
            return new Overview(0, 0, 0, null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    interval, List.of());
        }
        long succeeded = 0;
        long failed = 0;
        for (StringTermsBucket bucket : aggs.get("outcome").sterms().buckets().array()) {
            if (SUCCESS.equals(bucket.key().stringValue())) {
                succeeded = bucket.docCount();
            } else if (FAILURE.equals(bucket.key().stringValue())) {
                failed = bucket.docCount();
            }
        }
        Map<String, String> latency = aggs.get("latency").tdigestPercentiles().values().isKeyed()
                ? aggs.get("latency").tdigestPercentiles().values().keyed() : Map.of();
        Map<String, Aggregate> gateway = aggs.get("gateway").filter().aggregations();
        List<ErrorCount> errors = new ArrayList<>();
        for (StringTermsBucket bucket : aggs.get("errors").filter().aggregations().get("top").sterms().buckets().array()) {
            errors.add(new ErrorCount(bucket.key().stringValue(), bucket.docCount()));
        }
        return new Overview(total, succeeded, failed, total == 0 ? null : (double) succeeded / total,
                number(latency.get("50.0")), number(latency.get("95.0")),
                outcomes(aggs.get("byAgency")), outcomes(aggs.get("byRoute")), outcomes(aggs.get("byKind")),
                outcomes(gateway.get("byService")), outcomes(gateway.get("byConsumer")), errors, interval,
                points(aggs.get("timeline")));
    }

    private static Aggregation timeline(Filter filter) {
        String interval = interval(filter.from(), filter.to());
        return Aggregation.of(a -> a.dateHistogram(h -> h.field("timestamp")
                        .calendarInterval("hour".equals(interval) ? CalendarInterval.Hour : CalendarInterval.Day)
                        .timeZone(ZONE).minDocCount(0)
                        .extendedBounds(b -> b.min(FieldDateMath.of(m -> m.value((double) filter.from().toEpochMilli())))
                                .max(FieldDateMath.of(m -> m.value((double) filter.to().toEpochMilli() - 1)))))
                .aggregations("outcome", outcomes())
                .aggregations("latency", l -> l.percentiles(p -> p.field("durationMs").percents(95.0))));
    }

    private static List<Point> points(Aggregate timeline) {
        List<Point> points = new ArrayList<>();
        if (timeline == null) {
            return points;
        }
        for (DateHistogramBucket bucket : timeline.dateHistogram().buckets().array()) {
            long ok = 0;
            long failed = 0;
            for (StringTermsBucket code : bucket.aggregations().get("outcome").sterms().buckets().array()) {
                if (SUCCESS.equals(code.key().stringValue())) {
                    ok = code.docCount();
                } else if (FAILURE.equals(code.key().stringValue())) {
                    failed = code.docCount();
                }
            }
            var percentiles = bucket.aggregations().get("latency").tdigestPercentiles().values();
            Double p95 = bucket.docCount() == 0 || !percentiles.isKeyed() ? null : number(percentiles.keyed().get("95.0"));
            points.add(new Point(Instant.ofEpochMilli(bucket.key()), bucket.docCount(), ok, failed,
                    bucket.docCount() == 0 ? null : (double) ok / bucket.docCount(), p95));
        }
        return points;
    }

    /** The transactions behind a figure, newest first, at most {@code limit} (1 to {@value #MAX_LIST}). */
    public List<TransactionDocument> list(Filter filter, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST + ", was " + limit);
        }
        SearchResponse<JsonNode> response;
        try {
            response = elasticsearch.search(s -> s.index(indices).ignoreUnavailable(true).allowNoIndices(true)
                    .size(limit)
                    .query(query(filter))
                    .sort(o -> o.field(FieldSort.of(f -> f.field("timestamp").order(SortOrder.Desc)
                            .unmappedType(FieldType.Date))))
                    .sort(o -> o.field(FieldSort.of(f -> f.field("transactionId").order(SortOrder.Asc)
                            .unmappedType(FieldType.Keyword)))), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list transactions", e);
        }
        List<TransactionDocument> documents = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            try {
                // read with the application's mapper: the client's own knows no java.time types
                documents.add(json.treeToValue(hit.source(), TransactionDocument.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("transaction " + hit.id() + " in " + hit.index() + " is unreadable", e);
            }
        }
        return documents;
    }

    private static Query query(Filter filter) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.range(r -> r.date(d -> d.field("timestamp")
                    .gte(filter.from().toString()).lt(filter.to().toString()))));
            if (filter.agency() != null) {
                b.filter(f -> f.bool(either -> either
                        .should(s -> s.term(t -> t.field("sourceAgency").value(filter.agency())))
                        .should(s -> s.term(t -> t.field("destinationAgency").value(filter.agency())))
                        .minimumShouldMatch("1")));
            }
            term(b, "sourceAgency", filter.source());
            term(b, "destinationAgency", filter.destination());
            term(b, "route", filter.route());
            term(b, "kind", filter.kind());
            term(b, "code", filter.code());
            term(b, "service", filter.service());
            term(b, "error", filter.error());
            term(b, "exchangeId", filter.exchangeId());
            return b;
        }));
    }

    private static void term(co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery.Builder bool, String field,
                             String value) {
        if (value != null) {
            bool.filter(f -> f.term(t -> t.field(field).value(FieldValue.of(value))));
        }
    }

    private static Aggregation outcomes() {
        return Aggregation.of(a -> a.terms(t -> t.field("code").size(10)));
    }

    private static Aggregation byOutcome(String field, int size) {
        return Aggregation.of(a -> a.terms(t -> t.field(field).size(size))
                .aggregations("outcome", outcomes()));
    }

    private static List<Outcome> outcomes(Aggregate terms) {
        List<Outcome> rows = new ArrayList<>();
        for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
            long ok = 0;
            long failed = 0;
            for (StringTermsBucket code : bucket.aggregations().get("outcome").sterms().buckets().array()) {
                if (SUCCESS.equals(code.key().stringValue())) {
                    ok = code.docCount();
                } else if (FAILURE.equals(code.key().stringValue())) {
                    failed = code.docCount();
                }
            }
            rows.add(new Outcome(bucket.key().stringValue(), bucket.docCount(), ok, failed));
        }
        return rows;
    }

    private static Double number(String value) {
        if (value == null || value.isBlank() || "null".equals(value)) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
