package vn.hanoi.lgsp.notification;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The platform's messages, one Thymeleaf text template each under {@code templates/mail/}
 * ({@code <module>/<message>.txt}), rendered into a subject and a body.
 *
 * <p>A template is written like a small e-mail: a {@code Subject:} line, a blank line, then the
 * body. The wording stays in the templates rather than in a {@code messages_vi.properties}: each
 * sentence is used by one message only and is built around its values and conditions, so a
 * key per sentence would split every message over two files for no reuse, and
 * {@code MessageFormat}'s rules (apostrophes, grouped numbers) would quietly change the text.
 * Every mail's subject goes through {@code _subject.txt}, which adds the platform's name.
 *
 * <p>The engine is this class's own: a bean of Thymeleaf's types would take the place of the
 * portal's web templates in Spring Boot's configuration.
 */
@Component
class MailTemplates {

    static final String LOCATION = "templates/mail/";
    static final String SUFFIX = ".txt";
    private static final String SUBJECT = "Subject: ";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MailTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix(LOCATION);
        resolver.setSuffix(SUFFIX);
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    record Rendered(String subject, String body) {
    }

    /** Renders one message; a template that does not start with its subject line is refused. */
    Rendered render(String message, Map<String, ?> values) {
        String text = process(message, values);
        int blank = text.indexOf("\n\n");
        if (!text.startsWith(SUBJECT) || blank < 0) {
            throw new IllegalStateException("mail template " + message + " must start with a '" + SUBJECT
                    + "' line and a blank line");
        }
        String subject = process("_subject", Map.of("subject", text.substring(SUBJECT.length(), blank)));
        return new Rendered(withoutFinalLineBreak(subject), withoutFinalLineBreak(text.substring(blank + 2)));
    }

    private String process(String template, Map<String, ?> values) {
        Context context = new Context(VIETNAMESE);
        values.forEach(context::setVariable);
        return engine.process(template, context).replace("\r\n", "\n");
    }

    /** A template file ends with a line break that is not part of the message. */
    private static String withoutFinalLineBreak(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
