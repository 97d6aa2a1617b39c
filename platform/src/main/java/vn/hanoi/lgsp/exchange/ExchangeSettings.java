package vn.hanoi.lgsp.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxPayloadSize          largest record content accepted (decoded)
 * @param maxDeadline             latest deadline a record may set, counted from its submission
 * @param masterKeyFile           the master key (32 bytes, base64) that wraps each waiting record's key
 * @param previousMasterKeyFiles  older master keys, kept to open records sealed before a rotation
 * @param signingTimeTolerance    how far a signed record's signing time may be from the LGSP's clock
 *                                before the exchange's timeline flags it (Đ7.4)
 */
@ConfigurationProperties("lgsp.exchange")
public record ExchangeSettings(
        @DefaultValue("20MB") DataSize maxPayloadSize,
        @DefaultValue("30d") java.time.Duration maxDeadline,
        java.nio.file.Path masterKeyFile,
        java.util.List<java.nio.file.Path> previousMasterKeyFiles,
        @DefaultValue("5m") java.time.Duration signingTimeTolerance) {
}
