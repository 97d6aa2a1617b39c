package vn.hanoi.lgsp.monitoring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Reads connection-status checks back from Elasticsearch, for status pages and reports. */
@Component
public class StatusHistory {

    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int MAX_LIMIT = 10_000;

    private final ElasticsearchClient elasticsearch;
    private final ObjectMapper json;
    private final MonthlyIndices indices;

    StatusHistory(ElasticsearchClient elasticsearch, ObjectMapper json, MonitoringSettings settings) {
        this.elasticsearch = elasticsearch;
        this.json = json;
        this.indices = new MonthlyIndices(settings.status().indexPrefix());
    }

    /**
     * The checks of one agency's system with {@code from <= timestamp < to}, newest first,
     * at most {@code limit} of them. Of one moment, level 1 comes before level 2, and a level-2
     * check's overall entry before its per-service entries.
     */
    public List<StatusCheckDocument> history(String agencyCode, Instant from, Instant to, int limit) {
        Objects.requireNonNull(agencyCode, "agencyCode");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        SearchResponse<JsonNode> response;
        try {
            // sources come back as trees and are read with the application's ObjectMapper: the
            // client's own mapper knows no java.time types
            response = elasticsearch.search(s -> s
                    .index(indices.wildcard())
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .size(limit)
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.term(t -> t.field("agencyCode").value(agencyCode)))
                            .filter(f -> f.range(r -> r.date(d -> d.field("timestamp")
                                    .gte(from.toString()).lt(to.toString()))))))
                    .sort(o -> o.field(f -> f.field("timestamp").order(SortOrder.Desc).unmappedType(FieldType.Date)))
                    .sort(o -> o.field(f -> f.field("level").order(SortOrder.Asc).unmappedType(FieldType.Short)))
                    .sort(o -> o.field(f -> f.field("service").order(SortOrder.Asc).missing("_first")
                            .unmappedType(FieldType.Keyword))),
                    JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connection-status history of " + agencyCode, e);
        }
        List<StatusCheckDocument> checks = new ArrayList<>(response.hits().hits().size());
        for (var hit : response.hits().hits()) {
            try {
                checks.add(json.treeToValue(hit.source(), StatusCheckDocument.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("status check " + hit.id() + " in " + hit.index() + " is unreadable", e);
            }
        }
        return checks;
    }

    /**
     * Share of level-1 checks that found the system answering (UP or SLOW) over the last 24 hours,
     * 7 days and 30 days; checks inside an announced maintenance window do not count either way
     * . Null where no check was made in that span.
     */
    public record Uptime(Double last24Hours, Double last7Days, Double last30Days) {
    }

    private static final Map<String, Duration> UPTIME_SPANS = Map.of(
            "d1", Duration.ofHours(24), "d7", Duration.ofDays(7), "d30", Duration.ofDays(30));

    /** Uptime of every checked system, or of {@code agencyCode}'s only when it is given; one search. */
    public Map<String, Uptime> uptime(String agencyCode, Instant now) {
        Map<String, co.elastic.clients.elasticsearch._types.aggregations.Aggregation> spans = new LinkedHashMap<>();
        UPTIME_SPANS.forEach((name, span) -> spans.put(name, span(now.minus(span), now)));
        Map<String, Uptime> uptime = new LinkedHashMap<>();
        for (var bucket : systemBuckets(agencyCode, now.minus(Duration.ofDays(30)), now, spans)) {
            uptime.put(bucket.key().stringValue(), new Uptime(share(bucket.aggregations().get("d1")),
                    share(bucket.aggregations().get("d7")), share(bucket.aggregations().get("d30"))));
        }
        return uptime;
    }

    /**
     * The level-1 checks outside maintenance windows with {@code from <= timestamp < to}, one
     * bucket per system (or {@code agencyCode}'s only) carrying the given sub-aggregations.
     */
    private List<co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket> systemBuckets(
            String agencyCode, Instant from, Instant to,
            Map<String, co.elastic.clients.elasticsearch._types.aggregations.Aggregation> spans) {
        SearchResponse<Void> response;
        try {
            response = elasticsearch.search(s -> s
                    .index(indices.wildcard())
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .size(0)
                    .query(q -> q.bool(b -> {
                        b.filter(f -> f.term(t -> t.field("level").value(StatusCheckDocument.SYSTEM)))
                                .filter(f -> f.term(t -> t.field("maintenance").value(false)))
                                .filter(f -> f.range(r -> r.date(d -> d.field("timestamp")
                                        .gte(from.toString()).lt(to.toString()))));
                        if (agencyCode != null) {
                            b.filter(f -> f.term(t -> t.field("agencyCode").value(agencyCode)));
                        }
                        return b;
                    }))
                    .aggregations("systems", a -> a.terms(t -> t.field("agencyCode").size(MAX_SYSTEMS))
                            .aggregations(spans)), Void.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compute uptime", e);
        }
        var systems = response.aggregations().get("systems");
        return systems == null ? List.of() : systems.sterms().buckets().array();
    }

    /**
     * Each system's last 24 hours, hour by hour, oldest first, as a strip of states: the worst
     * level-1 state checked in the hour (DOWN over SLOW over UP), MAINTENANCE when every check
     * fell in an announced window, UNKNOWN when nothing was checked. Hours end at {@code now}.
     */
    public Map<String, List<String>> lastDay(String agencyCode, Instant now) {
        Instant from = now.minus(Duration.ofHours(24));
        SearchResponse<Void> response;
        try {
            response = elasticsearch.search(s -> s
                    .index(indices.wildcard()).ignoreUnavailable(true).allowNoIndices(true).size(0)
                    .query(q -> q.bool(b -> {
                        b.filter(f -> f.term(t -> t.field("level").value(StatusCheckDocument.SYSTEM)))
                                .filter(f -> f.range(r -> r.date(d -> d.field("timestamp")
                                        .gte(from.toString()).lt(now.toString()))));
                        if (agencyCode != null) {
                            b.filter(f -> f.term(t -> t.field("agencyCode").value(agencyCode)));
                        }
                        return b;
                    }))
                    .aggregations("systems", a -> a.terms(t -> t.field("agencyCode").size(MAX_SYSTEMS))
                            .aggregations("hours", h -> h.dateHistogram(x -> x.field("timestamp")
                                            // hours that end at now, not on the clock's hours
                                            .fixedInterval(i -> i.time("1h"))
                                            .offset(o -> o.time((now.toEpochMilli() % HOUR) + "ms")).minDocCount(1))
                                    .aggregations("open", o -> o.filter(f -> f.term(t -> t.field("maintenance")
                                                    .value(false)))
                                            .aggregations("states", st -> st.terms(t -> t.field("state").size(10)))))),
                    Void.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the last day's connection status", e);
        }
        Map<String, List<String>> strips = new LinkedHashMap<>();
        var systems = response.aggregations().get("systems");
        if (systems == null) {
            return strips;
        }
        for (var system : systems.sterms().buckets().array()) {
            String[] strip = new String[24];
            java.util.Arrays.fill(strip, "UNKNOWN");
            for (var hour : system.aggregations().get("hours").dateHistogram().buckets().array()) {
                int index = (int) Math.floorDiv(hour.key() - from.toEpochMilli(), HOUR);
                if (index >= 0 && index < 24) {
                    strip[index] = worst(hour.aggregations().get("open").filter());
                }
            }
            strips.put(system.key().stringValue(), List.of(strip));
        }
        return strips;
    }

    private static final long HOUR = 3_600_000;

    private static String worst(co.elastic.clients.elasticsearch._types.aggregations.FilterAggregate open) {
        if (open.docCount() == 0) {
            return "MAINTENANCE";
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        open.aggregations().get("states").sterms().buckets().array().forEach(b -> seen.add(b.key().stringValue()));
        for (String state : List.of("DOWN", "DEGRADED", "SLOW", "UP", "MAINTENANCE")) {
            if (seen.contains(state)) {
                return state;
            }
        }
        return "UNKNOWN";
    }

    /** Enough for every connected system of the city (several hundred). */
    static final int MAX_SYSTEMS = 5_000;

    private static co.elastic.clients.elasticsearch._types.aggregations.Aggregation span(Instant from, Instant to) {
        return co.elastic.clients.elasticsearch._types.aggregations.Aggregation.of(a -> a
                .filter(f -> f.range(r -> r.date(d -> d.field("timestamp").gte(from.toString()).lt(to.toString()))))
                .aggregations("up", u -> u.filter(f -> f.terms(t -> t.field("state").terms(v -> v.value(List.of(
                        co.elastic.clients.elasticsearch._types.FieldValue.of(StatusCheckDocument.State.UP.name()),
                        co.elastic.clients.elasticsearch._types.FieldValue.of(StatusCheckDocument.State.SLOW.name()))))))));
    }

    private static Double share(co.elastic.clients.elasticsearch._types.aggregations.Aggregate span) {
        long total = span.filter().docCount();
        if (total == 0) {
            return null;
        }
        return (double) span.filter().aggregations().get("up").filter().docCount() / total;
    }

    /**
     * Uptime of each checked system with {@code from <= timestamp < to} (level 1, outside
     * maintenance), or of {@code agencyCode}'s only; for reports over a month or a quarter.
     */
    public Map<String, Double> uptimeBetween(String agencyCode, Instant from, Instant to) {
        Map<String, Double> uptime = new LinkedHashMap<>();
        for (var bucket : systemBuckets(agencyCode, from, to, Map.of("span", span(from, to)))) {
            Double share = share(bucket.aggregations().get("span"));
            if (share != null) {
                uptime.put(bucket.key().stringValue(), share);
            }
        }
        return uptime;
    }
}
