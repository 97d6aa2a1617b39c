package vn.hanoi.lgsp.status;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The LGSP's own status.
 *
 * @param clockCheckInterval how long one measurement of the LGSP's clock against NDXP's is
 *                           reported before the next status call measures again (Đ7.4)
 */
@ConfigurationProperties("lgsp.status")
@Validated
public record StatusSettings(@DefaultValue("1m") @DurationMin(nanos = 1) Duration clockCheckInterval) {
}
