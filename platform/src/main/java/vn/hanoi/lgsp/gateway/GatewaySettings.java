package vn.hanoi.lgsp.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The data-sharing gateway ({@code /api/v1/gateway/{service}/{version}/**}).
 *
 * @param clientId         the LGSP's own identity towards provider systems (Keycloak client credentials)
 * @param clientSecret     its secret
 * @param connectTimeout   time to open a connection to a provider
 * @param requestTimeout   time for a provider's whole answer to start; longer is a 504
 * @param maxRequestSize   largest request body passed on
 * @param maxResponseSize  largest answer passed back
 * @param policyCacheTtl   how long a node keeps what it read of grants and policies; changes on the
 *                         same node apply at once, on other nodes within this time
 * @param subjectHashKey   secret key of the keyed hash that stands for a data subject's identifier
 *                         in the journal (Decree 13/2023); required
 */
@ConfigurationProperties("lgsp.gateway")
@Validated
public record GatewaySettings(
        @DefaultValue("lgsp-gateway") @NotBlank String clientId,
        String clientSecret,
        @DefaultValue("2s") @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration requestTimeout,
        @DefaultValue("10MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("20MB") @NotNull DataSize maxResponseSize,
        @DefaultValue("5s") @DurationMin(seconds = 0) Duration policyCacheTtl,
        String subjectHashKey,
        @DefaultValue @Valid Quota quota,
        @DefaultValue @Valid CircuitBreaker circuitBreaker) {

    /**
     * Calls allowed per window when neither the grant nor the policy says otherwise.
     *
     * @param window       length of the quota window
     * @param perConsumer  one consumer on one service version
     * @param perService   one service version, all consumers together
     */
    public record Quota(
            @DefaultValue("1m") @DurationMin(millis = 1) Duration window,
            @DefaultValue("6000") @Positive long perConsumer,
            @DefaultValue("60000") @Positive long perService) {
    }

    /**
     * One breaker per upstream: after enough failed calls it opens and calls are refused at once,
     * then a few trial calls decide whether it closes again.
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens it
     * @param slidingWindow        calls looked at
     * @param minimumCalls         calls needed before the rate counts
     * @param openFor              how long it stays open before trial calls
     * @param trialCalls           calls let through while half open
     */
    public record CircuitBreaker(
            @DefaultValue("50") @Positive @Max(100) float failureRateThreshold,
            @DefaultValue("20") @Positive int slidingWindow,
            @DefaultValue("5") @Positive int minimumCalls,
            @DefaultValue("10s") @DurationMin(millis = 1) Duration openFor,
            @DefaultValue("2") @Positive int trialCalls) {
    }
}
