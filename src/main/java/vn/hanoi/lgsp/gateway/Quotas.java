package vn.hanoi.lgsp.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Calls per window per consumer and per service version, the same on every node: the buckets
 * live in PostgreSQL (Bucket4j). Going to the database on every call would make the quota the
 * gateway's bottleneck, so a node takes tokens locally and settles with the shared bucket every
 * few tokens or milliseconds; a node can overshoot by at most that many calls between two
 * settlements. Small quotas (tests, strict tiers) settle on every call.
 */
@Component
class Quotas {

    /** A quota up to this size is settled with the database on every call. */
    private static final long EXACT_UP_TO = 200;
    private static final Duration MAX_UNSETTLED_TIME = Duration.ofMillis(100);

    /** Outcome of taking one call from the quotas: allowed, or the seconds until it would be. */
    record Decision(boolean allowed, long retryAfterSeconds, String exhausted) {
    }

    private final ProxyManager<String> buckets;
    private final GatewaySettings.Quota defaults;
    private final Cache<String, BucketProxy> local = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    Quotas(DataSource dataSource, GatewaySettings settings) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("lgsp.gateway_quota_bucket")
                .build();
        this.defaults = settings.quota();
    }

    /** Takes one call from the consumer's quota on the version and from the version's own. */
    Decision take(String consumer, vn.hanoi.lgsp.catalog.AccessGrant.Environment environment, Route route,
                  RouteTable.Grant grant) {
        long consumerLimit = grant.quota() != null ? grant.quota() : defaults.perConsumer();
        long serviceLimit = route.policy().quota() != null ? route.policy().quota() : defaults.perService();
        // test traffic has buckets of its own: load tests must not use up production's quota
        String env = environment.name().toLowerCase(java.util.Locale.ROOT);
        Decision mine = take("c:" + env + ":" + consumer + ":" + route.target(), consumerLimit, "consumer");
        if (!mine.allowed()) {
            return mine;
        }
        return take("s:" + env + ":" + route.target(), serviceLimit, "service");
    }

    private Decision take(String key, long limit, String which) {
        // the limit is part of the key: a changed limit starts a fresh bucket instead of being ignored
        String bucketKey = key + "#" + limit + "/" + defaults.window().toMillis();
        BucketProxy bucket = local.get(bucketKey, k -> build(bucketKey, limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0, null);
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
        return new Decision(false, seconds, which);
    }

    private BucketProxy build(String key, long limit) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillIntervally(limit, defaults.window()))
                .build();
        var builder = buckets.builder();
        if (limit > EXACT_UP_TO) {
            builder = builder.withOptimization(Optimizations.delaying(
                    new DelayParameters(Math.max(1, limit / 100), MAX_UNSETTLED_TIME)));
        }
        return builder.build(key, () -> configuration);
    }
}
