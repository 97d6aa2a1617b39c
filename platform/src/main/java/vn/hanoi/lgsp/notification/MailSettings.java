package vn.hanoi.lgsp.notification;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's e-mail (the SMTP server itself is Spring's {@code spring.mail.*}).
 *
 * @param from sender of the platform's e-mails
 */
@ConfigurationProperties("lgsp.mail")
@Validated
public record MailSettings(@DefaultValue("lgsp@hanoi.gov.vn") @NotBlank @Email String from) {
}
