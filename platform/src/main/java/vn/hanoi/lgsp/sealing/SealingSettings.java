package vn.hanoi.lgsp.sealing;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that seal waiting records, kept outside PostgreSQL and its backups. Under
 * {@code lgsp.exchange}, where the records are; the rest of that prefix is the exchange's.
 *
 * @param masterKeyFile          the master key (32 bytes, base64) that wraps each waiting record's key
 * @param previousMasterKeyFiles older master keys, kept to open records sealed before a rotation
 */
@ConfigurationProperties("lgsp.exchange")
public record SealingSettings(Path masterKeyFile, @DefaultValue List<Path> previousMasterKeyFiles) {
}
