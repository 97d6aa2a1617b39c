package vn.hanoi.lgsp.connection;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Polling of connected systems (Appendix 01 §2.3) and the rules that turn checks into
 * incidents without flapping.
 *
 * @param enabled           poll at all
 * @param tick              how often the poller looks for systems that are due
 * @param timeout           a status call that takes longer counts as down
 * @param slowAfter         a status call that takes longer than this counts as slow
 * @param failuresToOpen    consecutive bad checks before an incident opens
 * @param successesToClose  consecutive good checks before it is resolved
 * @param intervalOverride  poll every system this often instead of its agreed interval (tests)
 * @param maxInFlight       status calls in flight at once, across all systems
 * @param clockSkewThreshold a system's clock further than this from the LGSP's, by the {@code time}
 *                          of its level-1 answer, is an incident of kind {@code CLOCK_SKEW} (Đ7.4)
 */
@ConfigurationProperties("lgsp.connection")
@Validated
public record ConnectionSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @DurationMin(millis = 1) Duration tick,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration timeout,
        @DefaultValue("2s") @DurationMin(millis = 1) Duration slowAfter,
        @DefaultValue("3") @Positive int failuresToOpen,
        @DefaultValue("2") @Positive int successesToClose,
        @DurationMin(millis = 1) Duration intervalOverride,
        @DefaultValue("64") @Positive int maxInFlight,
        @DefaultValue("2s") @DurationMin(nanos = 1) Duration clockSkewThreshold) {
}
