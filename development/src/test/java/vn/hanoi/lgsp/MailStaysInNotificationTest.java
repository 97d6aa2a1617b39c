package vn.hanoi.lgsp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * Mail is written in the notification module's templates: only that module speaks to the mail
 * server, and no method that sends a message (one that passes {@link Recipients} on) carries
 * Vietnamese text of its own — its subject and body are the template's, the Java gives values.
 */
class MailStaysInNotificationTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.hanoi.lgsp");

    /** Letters only Vietnamese uses among the platform's languages: vowels with their marks, and đ. */
    private static final Pattern VIETNAMESE = Pattern.compile(
            "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String RECIPIENTS = "L" + Recipients.class.getName().replace('.', '/') + ";";

    @Test
    void onlyTheNotificationModuleSpeaksToTheMailServer() {
        noClasses().that().resideOutsideOfPackages("vn.hanoi.lgsp.notification..", "vn.hanoi.lgsp.devservices..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..", "jakarta.mail..")
                .because("a process asks the notification module to send a message; the development SMTP server, "
                        + "which the tests read, is the only other mail code")
                .check(CLASSES);
    }

    @Test
    void noMethodThatSendsMailWritesVietnameseText() throws IOException {
        List<String> violations = new ArrayList<>();
        for (JavaClass type : CLASSES) {
            violations.addAll(vietnameseInMailSendingMethods(type.getName()));
        }
        assertThat(violations).as("Vietnamese text in methods that send mail: move it into the message's template "
                + "under src/main/resources/templates/mail/").isEmpty();
        assertThat(vietnameseInMailSendingMethods(Planted.class.getName())).as("the rule sees a planted violation")
                .containsExactly(Planted.class.getName() + ".remind: \"Nhắc hạn \u0001\"");
    }

    /** {@code Class.method: "constant"} for each Vietnamese constant of a method that passes Recipients on. */
    private static List<String> vietnameseInMailSendingMethods(String className) throws IOException {
        List<String> found = new ArrayList<>();
        try (InputStream bytes = MailStaysInNotificationTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (bytes == null) {
                return found;
            }
            new ClassReader(bytes).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MailSendingMethod(className + "." + name, found);
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return found;
    }

    private static final class MailSendingMethod extends MethodVisitor {

        private final String name;
        private final List<String> found;
        private final List<String> constants = new ArrayList<>();
        private boolean sends;

        MailSendingMethod(String name, List<String> found) {
            super(SpringAsmInfo.ASM_VERSION);
            this.name = name;
            this.found = found;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String method, String descriptor, boolean isInterface) {
            sends |= descriptor.substring(0, descriptor.indexOf(')')).contains(RECIPIENTS);
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof String text) {
                constants.add(text);
            }
        }

        /** {@code "Nhắc hạn " + code} compiles to a concatenation whose recipe holds the text. */
        @Override
        public void visitInvokeDynamicInsn(String method, String descriptor, Handle bootstrap, Object... arguments) {
            for (Object argument : arguments) {
                if (argument instanceof String text) {
                    constants.add(text);
                }
            }
        }

        @Override
        public void visitEnd() {
            if (sends) {
                constants.stream().filter(text -> VIETNAMESE.matcher(text).find())
                        .forEach(text -> found.add(name + ": \"" + text + "\""));
            }
        }
    }

    /** What the rule exists to stop: a subject written in Java. */
    @SuppressWarnings("unused")
    private static final class Planted {

        void remind(vn.hanoi.lgsp.notification.Mailer mailer, String code) {
            mailer.send("lifecycle/upgrade-review-reminder", Recipients.staffGroup("dost-reviewers"),
                    "code", "Nhắc hạn " + code);
        }
    }
}
