package vn.hanoi.lgsp.audit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit journal.
 *
 * @param maxBatch        entries written in one transaction at most
 * @param commitTimeout   how long a caller waits for its entry to be durable before giving up
 * @param signingKeyFile  the LGSP's Ed25519 key that signs each day's anchor (outside PostgreSQL)
 * @param retention       how long entries are kept; whole anchored days older than this are removed
 * @param zone            whose days the anchors close
 */
@ConfigurationProperties("lgsp.audit")
@Validated
public record JournalSettings(
        @DefaultValue("500") @Positive int maxBatch,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration commitTimeout,
        Path signingKeyFile,
        @DefaultValue("1825d") @DurationMin(days = 1) Duration retention,
        @DefaultValue("Asia/Ho_Chi_Minh") @NotNull ZoneId zone) {
}
