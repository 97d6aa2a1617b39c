package vn.hanoi.lgsp.category;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param syncInterval how often the national category service is asked for new change sets
 *                     (through NDXP); one node of the cluster asks per round
 * @param syncEnabled  off only where no NDXP is reachable
 */
@ConfigurationProperties("lgsp.categories")
public record CategorySyncSettings(@DefaultValue("6h") Duration syncInterval, @DefaultValue("true") boolean syncEnabled) {
}
