package vn.hanoi.lgsp.exchange;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Applications received by post (VNPost).
 *
 * @param vnpostAgencyCode VNPost's code in the agency registry: the source of applications
 *                         received by post (the default is illustrative)
 */
@ConfigurationProperties("lgsp.postal")
@Validated
public record PostalSettings(@DefaultValue("000.00.00.G95") @NotBlank String vnpostAgencyCode) {
}
