package vn.hanoi.lgsp.ratelimit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the shared counters behave, for the agency API's limits and the gateway's quotas alike.
 *
 * @param onStoreFailure  what a call gets when the counters cannot be read (PostgreSQL down or
 *                        too slow): {@code REFUSE} answers 429 {@code RATE_LIMITED} with a short
 *                        {@code Retry-After}; {@code ALLOW} lets it through uncounted
 * @param exactUpTo       a limit up to this size is counted in the database on every call; above
 *                        it a node counts locally and settles every 1 % of the limit or
 *                        {@code maxUnsettled}, so it may overshoot by that much
 * @param maxUnsettled    longest time a node keeps calls uncounted in the database
 */
@ConfigurationProperties("lgsp.rate-limit")
@Validated
public record RateLimitSettings(
        @DefaultValue("REFUSE") @NotNull StoreFailure onStoreFailure,
        @DefaultValue("200") @PositiveOrZero long exactUpTo,
        @DefaultValue("100ms") @DurationMin(millis = 1) Duration maxUnsettled) {

    /** Fail closed (the default) or open when the counters' store fails. */
    public enum StoreFailure { REFUSE, ALLOW }
}
