package vn.hanoi.lgsp.support;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import vn.hanoi.lgsp.devservices.DevServices;

/** What the development SMTP server received, as the tests read it: per recipient, subjects or bodies. */
public final class ReceivedMail {

    private ReceivedMail() {
    }

    /** Subjects of the messages to a recipient whose address contains {@code address}, oldest first. */
    public static List<String> subjectsTo(String address) {
        return to(address, message -> {
            try {
                return message.getSubject();
            } catch (MessagingException e) {
                return "";
            }
        });
    }

    /** Bodies of those messages, as text. */
    public static List<String> bodiesTo(String address) {
        return to(address, message -> {
            try {
                return String.valueOf(message.getContent());
            } catch (MessagingException | IOException e) {
                return "";
            }
        });
    }

    private static List<String> to(String address, Function<MimeMessage, String> part) {
        return DevServices.current().orElseThrow().receivedMail().stream()
                .filter(message -> recipients(message).stream().anyMatch(r -> r.contains(address))).map(part).toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return message.getAllRecipients() == null ? List.of()
                    : Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            return List.of();
        }
    }
}
