package vn.hanoi.lgsp.onboarding;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** The e-mails of onboarding, in Vietnamese, to the people named in the forms and to DOST. */
@Component
class OnboardingMail {

    private final JavaMailSender mail;
    private final String from;

    OnboardingMail(JavaMailSender mail, @Value("${lgsp.mail.from:lgsp@hanoi.gov.vn}") String from) {
        this.mail = mail;
        this.from = from;
    }

    void send(List<String> to, String subject, String body) {
        List<String> recipients = to.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
        if (recipients.isEmpty()) {
            return;
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(recipients.toArray(String[]::new));
            helper.setSubject("[LGSP Hà Nội] " + subject);
            helper.setText(body, false);
            mail.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("e-mail to " + recipients + " not sent: " + e.getMessage(), e);
        }
    }
}
