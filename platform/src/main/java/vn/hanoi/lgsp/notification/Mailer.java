package vn.hanoi.lgsp.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The platform's e-mail, in Vietnamese, and who receives it among staff: one place for every
 * process (onboarding, incidents, maintenance, the service lifecycle) so that they all send the
 * same way and find staff the same way.
 */
@Component
public class Mailer {

    private final JavaMailSender mail;
    private final IdentityService identities;
    private final String from;

    Mailer(JavaMailSender mail, IdentityService identities, MailSettings settings) {
        this.mail = mail;
        this.identities = identities;
        this.from = settings.from();
    }

    /** Sends one message to every distinct, non-blank address; nothing when there is none. */
    public void send(Collection<String> to, String subject, String body) {
        List<String> recipients = to.stream().filter(Objects::nonNull).map(String::trim).filter(a -> !a.isEmpty())
                .distinct().toList();
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

    /** The addresses of the members of a staff group (dost-operators, dost-leaders, supervisors…). */
    public List<String> staffGroup(String group) {
        return identities.createUserQuery().memberOfGroup(group).list().stream().map(User::getEmail)
                .filter(Objects::nonNull).toList();
    }

    /** The addresses of these staff accounts (user names), those that have one. */
    public List<String> addressesOf(Collection<String> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        return identities.createUserQuery().userIdIn(users.toArray(String[]::new)).list().stream().map(User::getEmail)
                .filter(Objects::nonNull).toList();
    }
}
