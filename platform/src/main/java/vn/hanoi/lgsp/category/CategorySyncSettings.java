package vn.hanoi.lgsp.category;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param syncInterval how often the national category service is asked for new change sets
 *                     (through NDXP); one node of the cluster asks per round
 * @param syncEnabled  off only where no NDXP is reachable
 */
@ConfigurationProperties("lgsp.categories")
@Validated
public record CategorySyncSettings(@DefaultValue("6h") @DurationMin(seconds = 1) Duration syncInterval, @DefaultValue("true") boolean syncEnabled) {
}
