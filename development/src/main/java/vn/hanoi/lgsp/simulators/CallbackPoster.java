package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a simulator's outgoing calls (callbacks, results) the way the real systems do: JSON with
 * a bearer token, retried with doubling back-off until a 2xx answer or the attempts run out.
 */
final class CallbackPoster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackPoster.class);

    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final int MAX_ATTEMPTS = 8;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String owner;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;

    CallbackPoster(String owner) {
        this.owner = owner;
        this.scheduler = Executors.newScheduledThreadPool(2, SimulatedServer.daemonThreads(owner + "-callbacks"));
        // JDK HttpServer speaks only HTTP/1.1; skipping the h2c upgrade keeps requests plain.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * Completes with {@code true} once the target answered 2xx, {@code false} when every attempt
     * failed or the poster was closed. {@code label} names the call in logs, ids only.
     */
    CompletableFuture<Boolean> post(URI target, Supplier<String> bearer, Object body, String label) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            log.error("{}: cannot serialise {}", owner, label, e);
            outcome.complete(false);
            return outcome;
        }
        attempt(target, bearer, json, label, 1, outcome);
        return outcome;
    }

    /** Runs {@code task} after {@code delay} on the poster's threads. */
    void later(Duration delay, Runnable task) {
        try {
            scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{}: closed, dropping a scheduled call", owner);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void attempt(URI target, Supplier<String> bearer, byte[] json, String label, int attempt,
            CompletableFuture<Boolean> outcome) {
        if (scheduler.isShutdown()) {
            outcome.complete(false);
            return;
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json));
            String token = bearer == null ? null : bearer.get();
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            request = builder.build();
        } catch (RuntimeException e) {
            // A token provider that is not ready yet is a transient failure like any other.
            retryOrGiveUp(target, bearer, json, label, attempt, outcome, e.toString());
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                log.info("{}: {} delivered (attempt {})", owner, label, attempt);
                outcome.complete(true);
            } else {
                String why = error != null ? error.toString() : "HTTP " + response.statusCode();
                retryOrGiveUp(target, bearer, json, label, attempt, outcome, why);
            }
        });
    }

    private void retryOrGiveUp(URI target, Supplier<String> bearer, byte[] json, String label, int attempt,
            CompletableFuture<Boolean> outcome, String why) {
        if (attempt >= MAX_ATTEMPTS) {
            log.warn("{}: giving up on {} after {} attempts: {}", owner, label, attempt, why);
            outcome.complete(false);
            return;
        }
        long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
        log.info("{}: {} attempt {} failed ({}); retrying in {} ms", owner, label, attempt, why, backoff);
        try {
            scheduler.schedule(() -> attempt(target, bearer, json, label, attempt + 1, outcome),
                    backoff, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            outcome.complete(false);
        }
    }
}
