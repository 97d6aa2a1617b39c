package vn.hanoi.lgsp.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The journal's group commit.
 *
 * @param maxBatch       entries written in one transaction at most
 * @param commitTimeout  how long a caller waits for its entry to be durable before giving up
 */
@ConfigurationProperties("lgsp.audit")
public record JournalSettings(
        @DefaultValue("500") int maxBatch,
        @DefaultValue("5s") Duration commitTimeout) {
}
