package vn.hanoi.lgsp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R-25 (App1 §2.1): an answer read from a peer is bounded, however much the peer sends. */
class BoundedBodyTest {

    HttpServer peer;

    @BeforeEach
    void start() throws Exception {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/small", exchange -> {
            byte[] body = "{\"code\":\"00\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // no length announced, and it never stops on its own
        peer.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10_000; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException clientHungUp) {
                // expected: the reader stopped at its limit
            }
        });
        peer.start();
    }

    @AfterEach
    void stop() {
        peer.stop(0);
    }

    @Test
    void aSmallAnswerIsReadAndAnEndlessOneIsCutAtTheLimit() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + peer.getAddress().getPort();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/small")).build(), BoundedBody.ofString(1024)).body())
                .isEqualTo("{\"code\":\"00\"}");
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/endless")).build(),
                BoundedBody.ofString(256 * 1024)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("larger than 262144 bytes");
    }
}
