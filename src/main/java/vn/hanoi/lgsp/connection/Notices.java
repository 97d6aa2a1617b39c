package vn.hanoi.lgsp.connection;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** The e-mails of connection monitoring: to the people of an agency or of a staff group. */
@Component
class Notices {

    private final JavaMailSender mail;
    private final IdentityService identities;
    private final String from;

    Notices(JavaMailSender mail, IdentityService identities, @Value("${lgsp.mail.from:lgsp@hanoi.gov.vn}") String from) {
        this.mail = mail;
        this.identities = identities;
        this.from = from;
    }

    void send(List<String> to, String subject, String body) {
        List<String> recipients = to.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
        if (recipients.isEmpty()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(recipients.toArray(String[]::new));
        message.setSubject("[LGSP Hà Nội] " + subject);
        message.setText(body);
        mail.send(message);
    }

    List<String> group(String group) {
        return identities.createUserQuery().memberOfGroup(group).list().stream().map(User::getEmail).toList();
    }
}
