package vn.hanoi.lgsp.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The platform's e-mail: every process asks here to send "this message with these values to
 * these recipients"; the wording is in the message's template ({@link MailTemplates}) and the
 * addresses come from one directory ({@link Recipients}).
 */
@Component
public class Mailer {

    private final JavaMailSender mail;
    private final MailTemplates templates;
    private final RecipientDirectory directory;
    private final String from;

    Mailer(JavaMailSender mail, MailTemplates templates, RecipientDirectory directory, MailSettings settings) {
        this.mail = mail;
        this.templates = templates;
        this.directory = directory;
        this.from = settings.from();
    }

    /**
     * Renders {@code message} ({@code templates/mail/<message>.txt}) with the values, given as
     * name, value, name, value…, and sends it to every distinct address of the recipients.
     * Returns those addresses; with none, nothing is sent.
     */
    public List<String> send(String message, Recipients to, Object... namesAndValues) {
        List<String> addresses = directory.addressesOf(to);
        if (addresses.isEmpty()) {
            return addresses;
        }
        MailTemplates.Rendered rendered = templates.render(message, values(namesAndValues));
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(addresses.toArray(String[]::new));
            helper.setSubject(rendered.subject());
            helper.setText(rendered.body(), false);
            mail.send(mime);
        } catch (MessagingException e) {
            throw new IllegalStateException("e-mail " + message + " to " + addresses + " not sent: " + e.getMessage(), e);
        }
        return addresses;
    }

    /** The addresses a message to these recipients would go to. */
    public List<String> addressesOf(Recipients who) {
        return directory.addressesOf(who);
    }

    /** Connects to the SMTP server and back, for the platform's own status checks. */
    public void checkConnection() throws MessagingException {
        if (mail instanceof JavaMailSenderImpl server) {
            server.testConnection();
        }
    }

    static Map<String, Object> values(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("mail values come as name, value pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("a mail value's name must be a String, not " + namesAndValues[i]);
            }
            values.put(name, namesAndValues[i + 1]);
        }
        return values;
    }
}
