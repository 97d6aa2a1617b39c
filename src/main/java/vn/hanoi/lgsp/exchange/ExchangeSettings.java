package vn.hanoi.lgsp.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxPayloadSize largest record content accepted (decoded)
 */
@ConfigurationProperties("lgsp.exchange")
public record ExchangeSettings(
        @DefaultValue("20MB") DataSize maxPayloadSize,
        @DefaultValue("30d") java.time.Duration maxDeadline) {
}
