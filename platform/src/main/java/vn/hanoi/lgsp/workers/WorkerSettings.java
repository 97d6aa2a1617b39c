package vn.hanoi.lgsp.workers;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * External-task workers: where the engine and the platform are, and how they fetch work.
 *
 * @param engineRestUrl   Camunda REST API; empty means this process's own {@code /engine-rest}
 * @param platformUrl     the platform's agency API; empty means this process's own
 * @param clientId        Keycloak client of the workers (client credentials) towards the platform
 * @param outboundClientId Keycloak client the LGSP presents to agency systems: its tokens are
 *                        not valid on the platform's own API, so an agency cannot replay them
 * @param maxTasks        tasks fetched per long poll
 * @param concurrency     tasks handled at the same time by this process
 * @param lockDuration    how long a fetched task stays locked to this worker
 * @param longPoll        how long a fetch waits for work before returning empty
 * @param requestTimeout  time limit of each call to NDXP, VDXP or an agency system
 * @param nationalRetryBackoff the first wait before a report through NDXP (an outcome back to a
 *                        sender outside Hanoi, an order or a receipt for VNPost) is tried again;
 *                        it doubles with each attempt
 */
@ConfigurationProperties("lgsp.workers")
@Validated
public record WorkerSettings(
        String engineRestUrl,
        String platformUrl,
        @DefaultValue("lgsp-workers") @NotBlank String clientId,
        String clientSecret,
        @DefaultValue("lgsp-outbound") @NotBlank String outboundClientId,
        String outboundClientSecret,
        @DefaultValue("10") @Positive int maxTasks,
        @DefaultValue("16") @Positive int concurrency,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration lockDuration,
        @DefaultValue("20s") @DurationMin(seconds = 0) Duration longPoll,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration requestTimeout,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration nationalRetryBackoff) {
}
