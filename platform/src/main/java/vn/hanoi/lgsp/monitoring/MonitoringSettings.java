package vn.hanoi.lgsp.monitoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param indexPrefix transaction documents go to monthly indices {@code <prefix>-yyyy.MM}
 * @param environment {@code production} or {@code test}, stamped on every document
 * @param status      where connection-status checks go and how long they stay
 */
@ConfigurationProperties("lgsp.monitoring")
@Validated
public record MonitoringSettings(
        @DefaultValue("lgsp-transactions") @NotBlank String indexPrefix,
        @DefaultValue("production") @NotBlank String environment,
        @DefaultValue @Valid Shipper shipper,
        @DefaultValue @Valid Status status) {

    /**
     * @param batchSize   documents per bulk request
     * @param interval    pause between polls of the outbox when it is empty
     * @param maxBackoff  longest pause while Elasticsearch is unreachable
     * @param maxAttempts a document Elasticsearch rejects this often is parked, not retried
     */
    public record Shipper(@DefaultValue("500") @Positive int batchSize,
                          @DefaultValue("500ms") @DurationMin(millis = 1) Duration interval,
                          @DefaultValue("30s") @DurationMin(millis = 1) Duration maxBackoff,
                          @DefaultValue("10") @Positive int maxAttempts) {
    }

    /**
     * @param indexPrefix status checks go to monthly indices {@code <prefix>-yyyy.MM} (UTC months)
     * @param retention   a monthly index is dropped once all of its month is older than this;
     *                    R-17 wants at least 3 months, and a shorter value stops the start-up
     * @param dropAt      time of day (Asia/Ho_Chi_Minh) at which expired indices are dropped
     */
    public record Status(@DefaultValue("lgsp-status") @NotBlank String indexPrefix,
                         @DefaultValue("P6M") @NotNull Period retention,
                         @DefaultValue("03:30") @NotNull LocalTime dropAt) {
    }
}
