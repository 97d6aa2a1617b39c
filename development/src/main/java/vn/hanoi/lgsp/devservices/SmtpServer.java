package vn.hanoi.lgsp.devservices;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;

/** A real SMTP server inside the platform's JVM (GreenMail): accepts all mail and keeps it. */
final class SmtpServer implements DevServer {

    private final String host;
    private final int port;
    private GreenMail greenMail;

    SmtpServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return "SMTP";
    }

    @Override
    public void start() {
        greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("spring.mail.host", host, "spring.mail.port", Integer.toString(port));
    }

    @Override
    public List<ProcessHandle> processes() {
        return List.of();
    }

    List<MimeMessage> receivedMessages() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
