package vn.hanoi.lgsp.watch;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import vn.hanoi.lgsp.contract.SecuritySignal;

/**
 * The security and health watch. Each security rule is a threshold in a window: that many signals
 * about one subject (an address, a client, an agency) within the window is a finding.
 *
 * @param healthInterval          how often the LGSP's own components are checked
 * @param outboxLagLimit          monitoring documents waiting longer than this make the outbox a failing component
 * @param jobBacklogLimit         failed jobs of the process engine (no retries left) above this make the engine's job
 *                                backlog a failing component
 * @param journalVerifyAt         when, Vietnam time, the audit journal is verified every day
 * @param authFailures            tokens refused, per address
 * @param refusalsOutsideGrant    gateway calls refused for want of a grant, per agency
 * @param quotaExhausted          gateway calls refused for an exhausted quota, per agency
 * @param testCredentialOnProduction test credentials refused on production paths, per client
 */
@ConfigurationProperties("lgsp.watch")
@Validated
public record WatchSettings(
        @DefaultValue("15s") @DurationMin(seconds = 1) Duration healthInterval,
        @DefaultValue("10m") @DurationMin(seconds = 1) Duration outboxLagLimit,
        @DefaultValue("20") @Positive int jobBacklogLimit,
        @DefaultValue("02:30") @NotNull LocalTime journalVerifyAt,
        @DefaultValue @Valid Rule authFailures,
        @DefaultValue @Valid Rule refusalsOutsideGrant,
        @DefaultValue @Valid Rule quotaExhausted,
        @DefaultValue @Valid Rule testCredentialOnProduction) {

    /**
     * A finding: at least {@code threshold} signals about one subject within {@code window}; each
     * rule has its own default where these are not set (see {@link #rules()}).
     */
    public record Rule(@Positive Integer threshold, @DurationMin(seconds = 1) Duration window) {

        Rule or(int defaultThreshold, Duration defaultWindow) {
            return new Rule(threshold != null ? threshold : defaultThreshold, window != null ? window : defaultWindow);
        }
    }

    /**
     * The rules by name, as signals name them. Defaults: 20 refused tokens from one address in 5
     * minutes; 10 calls outside a grant or 50 over quota by one agency in 10 minutes; 3 production
     * calls with one test credential in an hour; a journal that does not verify, at once.
     */
    Map<String, Rule> rules() {
        return Map.of(SecuritySignal.AUTH_FAILURE, authFailures.or(20, Duration.ofMinutes(5)),
                SecuritySignal.OUTSIDE_GRANT, refusalsOutsideGrant.or(10, Duration.ofMinutes(10)),
                SecuritySignal.QUOTA_EXHAUSTED, quotaExhausted.or(50, Duration.ofMinutes(10)),
                SecuritySignal.TEST_CREDENTIAL_ON_PRODUCTION, testCredentialOnProduction.or(3, Duration.ofHours(1)),
                SecuritySignal.JOURNAL_TAMPERED, new Rule(1, Duration.ofDays(1)));
    }
}
