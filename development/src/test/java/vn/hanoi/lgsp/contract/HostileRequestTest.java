package vn.hanoi.lgsp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * Requests that Tomcat refuses on its own, or that ask for a format the API does not speak,
 * still get the {@code 01} envelope with a transaction id. Sent over a raw socket,
 * since well-behaved HTTP clients will not send them.
 */
class HostileRequestTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    String token;

    @BeforeEach
    void token() {
        token = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/categories/agen%2Fcies",
            "/api/v1/gateway/hotich-tra-cuu/v1/%2e%2e%2fadmin",
            "/api/v1/categories/%zz",
            "/api/v1/categories/%",
            "/api/v1/categories/a\u0001b",
            "/api/v1/categories/{x}",
            "/api/v1/categories/a|b",
            "/api/v1/../../etc/passwd"})
    void refusedUrlsAnswerWithTheEnvelope(String target) throws IOException {
        Answer answer = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(target).isBetween(400, 499);
        assertEnvelope(answer, target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "image/png"})
    void unacceptableFormatsAnswerWithTheEnvelope(String accept) throws IOException {
        for (String path : List.of("/api/v1/categories", "/api/v1/no-such-thing", "/api/v1/status")) {
            Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
            if (answer.status() >= 400) {
                assertEnvelope(answer, path + " Accept " + accept);
            } else {
                assertThat(answer.json().path("code").asText()).as(path).isEqualTo("00");
            }
        }
    }

    private static void assertEnvelope(Answer answer, String what) {
        assertThat(answer.header("content-type")).as(what).startsWith("application/json");
        assertThat(answer.header("x-lgsp-transaction-id")).as(what).isNotBlank();
        JsonNode body = answer.json();
        assertThat(body.path("code").asText()).as(what).isEqualTo("01");
        assertThat(body.path("message").asText()).as(what).isNotBlank();
        assertThat(body.path("error").asText()).as(what).isNotBlank();
        assertThat(body.path("transactionId").asText()).as(what).isEqualTo(answer.header("x-lgsp-transaction-id"));
    }

    record Answer(int status, List<String> headers, String body) {

        String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return h.substring(colon + 1).trim();
                }
            }
            return null;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] raw = all.toByteArray();
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            byte[] body = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
            String[] lines = head.split("\r\n");
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            if (headers.stream().anyMatch(h -> h.toLowerCase().startsWith("transfer-encoding: chunked"))) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Chunk sizes count bytes, so the body is taken apart as bytes. */
    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int eol = i;
            while (eol + 1 < body.length && !(body[eol] == '\r' && body[eol + 1] == '\n')) {
                eol++;
            }
            int size = Integer.parseInt(new String(body, i, eol - i, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
