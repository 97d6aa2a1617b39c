package vn.hanoi.lgsp.monitoring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gateway calls counted from the transaction documents, per consumer, provider, service,
 * version and environment, by outcome: what reconciliation between provider, consumer
 * and DOST starts from. Counts only, never content.
 */
@Component
public class GatewayUsage {

    /** Calls of one consumer to one version of one provider's service in one environment. */
    public record Row(String consumer, String provider, String service, String version, String environment,
                      long calls, long succeeded, long failed) {
    }

    private static final String KIND = "gateway-call";
    private static final List<String> KEYS = List.of("sourceAgency", "destinationAgency", "service", "serviceVersion",
            "environment", "code");

    private final ElasticsearchClient elasticsearch;
    private final String indices;

    GatewayUsage(ElasticsearchClient elasticsearch, MonitoringSettings settings) {
        this.elasticsearch = elasticsearch;
        this.indices = settings.indexPrefix() + "-*";
    }

    /**
     * Usage with {@code from <= timestamp < to}; {@code consumer} and {@code provider}, when
     * given, keep only calls made by that consumer or to that provider.
     */
    public List<Row> usage(Instant from, Instant to, String consumer, String provider) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.term(t -> t.field("kind").value(KIND))));
        filters.add(Query.of(q -> q.range(r -> r.date(d -> d.field("timestamp").gte(from.toString()).lt(to.toString())))));
        if (consumer != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("sourceAgency").value(consumer))));
        }
        if (provider != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("destinationAgency").value(provider))));
        }
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        Map<String, FieldValue> after = null;
        do {
            Map<String, FieldValue> page = after;
            SearchResponse<Void> response;
            try {
                response = elasticsearch.search(s -> s.index(indices).ignoreUnavailable(true).allowNoIndices(true)
                        .size(0)
                        .query(q -> q.bool(b -> b.filter(filters)))
                        .aggregations("usage", a -> a.composite(c -> {
                            c.size(1000).sources(sources());
                            if (page != null) {
                                c.after(page);
                            }
                            return c;
                        })), Void.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot count gateway calls", e);
            }
            if (!response.aggregations().containsKey("usage")) {
                // no index of the period exists yet (nothing was shipped): no call to count
                break;
            }
            var composite = response.aggregations().get("usage").composite();
            for (CompositeBucket bucket : composite.buckets().array()) {
                List<String> key = new ArrayList<>();
                for (String field : KEYS.subList(0, KEYS.size() - 1)) {
                    key.add(text(bucket.key().get(field)));
                }
                long[] c = counts.computeIfAbsent(key, k -> new long[3]);
                c[0] += bucket.docCount();
                if ("00".equals(text(bucket.key().get("code")))) {
                    c[1] += bucket.docCount();
                } else {
                    c[2] += bucket.docCount();
                }
            }
            after = composite.buckets().array().isEmpty() || composite.afterKey() == null || composite.afterKey().isEmpty()
                    ? null : composite.afterKey();
        } while (after != null);
        List<Row> rows = new ArrayList<>();
        counts.forEach((k, c) -> rows.add(new Row(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), c[0], c[1], c[2])));
        return rows;
    }

    private static List<Map<String, CompositeAggregationSource>> sources() {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        for (String field : KEYS) {
            sources.add(Map.of(field, CompositeAggregationSource.of(s -> s.terms(t -> t.field(field).missingBucket(true)))));
        }
        return sources;
    }

    private static String text(FieldValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value._toJsonString();
    }
}
