package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for LGSP's side of the callbacks and results: records every POST and answers 200,
 * or 503 for the first few when a test wants to see retries.
 */
final class CallbackRecorder implements AutoCloseable {

    record Received(String path, String authorization, String contentType, JsonNode body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    CallbackRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::record);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} requests are recorded but answered 503. */
    void failFirst(int n) {
        failuresLeft.set(n);
    }

    /** The next request to arrive, or {@code null} when none comes in time. */
    Received next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body.length == 0 ? null : TestHttp.JSON.readTree(body)));
            int status = failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? 503 : 200;
            byte[] answer = "{\"code\":\"00\",\"message\":\"ok\"}".getBytes();
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }
}
