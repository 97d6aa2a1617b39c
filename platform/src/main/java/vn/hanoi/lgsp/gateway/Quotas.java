package vn.hanoi.lgsp.gateway;

import java.util.Locale;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.ratelimit.SharedLimits;

/**
 * Calls per window per consumer and per service version, the same on every node (counted by
 * {@link SharedLimits}: large quotas are settled with the database in batches, so a node can
 * overshoot by about 1 % of a quota; small ones are exact).
 */
@Component
class Quotas {

    /** Outcome of taking one call from the quotas: allowed, or the seconds until it would be. */
    record Decision(boolean allowed, long retryAfterSeconds, String exhausted, boolean storeUnavailable) {
    }

    private final SharedLimits limits;
    private final GatewaySettings.Quota defaults;

    Quotas(SharedLimits limits, GatewaySettings settings) {
        this.limits = limits;
        this.defaults = settings.quota();
    }

    /** Takes one call from the consumer's quota on the version and from the version's own. */
    Decision take(String consumer, AccessGrant.Environment environment, Route route, RouteTable.Grant grant) {
        long consumerLimit = grant.quota() != null ? grant.quota() : defaults.perConsumer();
        long serviceLimit = route.policy().quota() != null ? route.policy().quota() : defaults.perService();
        // test traffic has counters of its own: load tests must not use up production's quota
        String env = environment.name().toLowerCase(Locale.ROOT);
        Decision mine = take("c:" + env + ":" + consumer + ":" + route.target(), consumerLimit, "consumer");
        if (!mine.allowed()) {
            return mine;
        }
        return take("s:" + env + ":" + route.target(), serviceLimit, "service");
    }

    private Decision take(String key, long limit, String which) {
        SharedLimits.Decision decision = limits.take(key, limit, defaults.window());
        return new Decision(decision.allowed(), decision.retryAfterSeconds(), which, decision.storeUnavailable());
    }
}
