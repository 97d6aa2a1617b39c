package vn.hanoi.lgsp.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The LGSP's own status.
 *
 * @param clockCheckInterval how long one measurement of the LGSP's clock against NDXP's is
 *                           reported before the next status call measures again (Đ7.4)
 */
@ConfigurationProperties("lgsp.status")
public record StatusSettings(@DefaultValue("1m") Duration clockCheckInterval) {

    public StatusSettings {
        if (clockCheckInterval.isNegative() || clockCheckInterval.isZero()) {
            throw new IllegalArgumentException("lgsp.status.clock-check-interval must be positive, was "
                    + clockCheckInterval);
        }
    }
}
