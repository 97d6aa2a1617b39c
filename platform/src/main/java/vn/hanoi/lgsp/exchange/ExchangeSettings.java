package vn.hanoi.lgsp.exchange;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxPayloadSize          largest record content accepted (decoded)
 * @param maxDeadline             latest deadline a record may set, counted from its submission
 * @param signingTimeTolerance    how far a signed record's signing time may be from the LGSP's clock
 *                                before the exchange's timeline flags it (Đ7.4)
 * @param sweepInterval           how often content left behind by an exchange that ended without its
 *                                model's end listener (a Cockpit cancel skipping listeners) is removed
 */
@ConfigurationProperties("lgsp.exchange")
@Validated
public record ExchangeSettings(
        @DefaultValue("20MB") @NotNull DataSize maxPayloadSize,
        @DefaultValue("30d") @DurationMin(nanos = 1) java.time.Duration maxDeadline,
        @DefaultValue("5m") @DurationMin(nanos = 1) java.time.Duration signingTimeTolerance,
        @DefaultValue("5m") @DurationMin(seconds = 1) java.time.Duration sweepInterval) {
}
