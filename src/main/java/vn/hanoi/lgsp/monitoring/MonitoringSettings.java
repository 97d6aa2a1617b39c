package vn.hanoi.lgsp.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param indexPrefix transaction documents go to monthly indices {@code <prefix>-yyyy.MM}
 * @param environment {@code production} or {@code test}, stamped on every document
 */
@ConfigurationProperties("lgsp.monitoring")
public record MonitoringSettings(
        @DefaultValue("lgsp-transactions") String indexPrefix,
        @DefaultValue("production") String environment,
        @DefaultValue Shipper shipper) {

    /**
     * @param batchSize   documents per bulk request
     * @param interval    pause between polls of the outbox when it is empty
     * @param maxBackoff  longest pause while Elasticsearch is unreachable
     * @param maxAttempts a document Elasticsearch rejects this often is parked, not retried
     */
    public record Shipper(@DefaultValue("500") int batchSize,
                          @DefaultValue("500ms") Duration interval,
                          @DefaultValue("30s") Duration maxBackoff,
                          @DefaultValue("10") int maxAttempts) {
    }
}
