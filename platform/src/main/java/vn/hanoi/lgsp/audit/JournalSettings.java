package vn.hanoi.lgsp.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
public record JournalSettings(
        @DefaultValue("500") int maxBatch,
        @DefaultValue("5s") Duration commitTimeout,
        Path signingKeyFile,
        @DefaultValue("1825d") Duration retention,
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone) {
}
