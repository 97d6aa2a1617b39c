package vn.hanoi.lgsp.workers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.WorkerApi;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The platform's worker API: the record to deliver, receipts, delivery attempts. */
final class PlatformApi {

    private static final Logger log = LoggerFactory.getLogger(PlatformApi.class);

    private final JsonHttp http;
    private final AccessTokens tokens;
    private final java.util.function.Function<String, AccessTokens> outboundTokens;
    private final Map<String, AccessTokens> perRecipient = new java.util.concurrent.ConcurrentHashMap<>();
    private final String baseUrl;

    /**
     * @param outboundTokens the LGSP's identity towards agency systems, asking for one audience scope
     */
    PlatformApi(JsonHttp http, AccessTokens tokens, java.util.function.Function<String, AccessTokens> outboundTokens,
                String baseUrl) {
        this.http = http;
        this.tokens = tokens;
        this.outboundTokens = outboundTokens;
        this.baseUrl = baseUrl;
    }

    /**
     * The token the LGSP shows one agency's system: its audience is that agency alone (the scope
     * the platform names with the system's endpoint), so the recipient cannot replay it at
     * another agency, nor at the platform's own API.
     */
    String outboundToken(WorkerApi.Endpoint endpoint) throws IOException {
        String scope = endpoint.audienceScope();
        if (scope == null || scope.isBlank()) {
            throw new IOException("the platform named no audience for this agency system");
        }
        return perRecipient.computeIfAbsent(scope, outboundTokens).get();
    }

    WorkerApi.Delivery delivery(String exchangeId) throws IOException {
        JsonHttp.Reply reply = call(() -> http.get(url(exchangeId), tokens.get()));
        return http.as(require(reply, "read exchange " + exchangeId), WorkerApi.Delivery.class);
    }

    private interface Call {
        JsonHttp.Reply send() throws IOException;
    }

    /** A call to the platform: not reaching it at all is {@link Unavailable}; a bad answer is the answer's fault. */
    private static JsonHttp.Reply call(Call call) throws IOException {
        try {
            return call.send();
        } catch (JsonHttp.BadAnswer e) {
            throw e;
        } catch (IOException e) {
            throw new Unavailable(e.getMessage(), e);
        }
    }

    /**
     * The platform (or its token issuer) could not answer now: unreachable, restarting or
     * overloaded. Not the task's fault, so it costs none of the attempts the routing table
     * allows the destination.
     */
    /**
     * The platform's answers that mean "not now": a proxy or node that cannot serve, a timeout,
     * a rate limit. A 500 is the platform failing on this very exchange: it uses up attempts.
     */
    static boolean unavailable(JsonHttp.Reply reply) {
        int status = reply.status();
        return status == 502 || status == 503 || status == 504 || status == 429 || status == 408;
    }

    static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The exchange as a worker needs it, or nothing when the platform cannot be reached: then
     * the task is already handed back to be retried later, or left to the engine's incidents.
     */
    java.util.Optional<WorkerApi.Delivery> deliveryOrRetry(String exchangeId, org.camunda.bpm.client.task.ExternalTask task,
                                                 org.camunda.bpm.client.task.ExternalTaskService service,
                                                 RetryPolicy retry) {
        return readOrRetry(() -> delivery(exchangeId), task, service, retry);
    }

    interface Read<T> {
        T read() throws IOException;
    }

    /**
     * What a task needs from the platform, or nothing when it cannot be had now: the task is then
     * already handed back (the platform unreachable costs no attempt) or retried (it refused).
     */
    <T> java.util.Optional<T> readOrRetry(Read<T> read, org.camunda.bpm.client.task.ExternalTask task,
                                          org.camunda.bpm.client.task.ExternalTaskService service, RetryPolicy retry) {
        try {
            return java.util.Optional.of(read.read());
        } catch (Unavailable e) {
            Failures.handBack(task, service, retry, "the platform could not be reached: " + e.getMessage());
            return java.util.Optional.empty();
        } catch (IOException e) {
            Failures.retryOrGiveUp(task, service, retry, "the platform refused: " + e.getMessage(), null);
            return java.util.Optional.empty();
        }
    }

    WorkerApi.Applicant applicant(String exchangeId) throws IOException {
        return http.as(require(call(() -> http.get(url(exchangeId) + "/applicant", tokens.get())),
                "read the applicant of " + exchangeId), WorkerApi.Applicant.class);
    }

    /** Records the destination's receipt and the push that brought it; the platform checks its digest. */
    JsonHttp.Reply receipt(String exchangeId, String receivedSha256, JsonHttp.Reply push) throws IOException {
        return call(() -> http.post(url(exchangeId) + "/receipt", tokens.get(),
                new WorkerApi.Receipt(receivedSha256, push.status(), push.millis())));
    }

    /** Best effort: monitoring of an attempt must not fail the delivery itself. */
    void attempt(String exchangeId, String route, boolean success, String error, Integer httpStatus, long millis) {
        WorkerApi.Attempt body = new WorkerApi.Attempt(route, success, error, httpStatus, millis);
        try {
            http.post(url(exchangeId) + "/attempts", tokens.get(), body);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not record a delivery attempt of {}: {}", exchangeId, e.getMessage());
        }
    }

    /** The order with its recipient: personal data, read only to hand it to VNPost. */
    PostalProcess.WorkerApi.Order postalOrder(String shipmentId) throws IOException {
        return http.as(require(call(() -> http.get(postal(shipmentId) + "/order", tokens.get())),
                "read the order of " + shipmentId), PostalProcess.WorkerApi.Order.class);
    }

    PostalProcess.WorkerApi.Pending postalPending(String shipmentId) throws IOException {
        return http.as(require(call(() -> http.get(postal(shipmentId) + "/pending", tokens.get())),
                "read the statuses of " + shipmentId), PostalProcess.WorkerApi.Pending.class);
    }

    void postalNotified(String shipmentId, long upToSequence) throws IOException {
        require(call(() -> http.post(postal(shipmentId) + "/notified", tokens.get(),
                new PostalProcess.WorkerApi.Notified(upToSequence))), "record the statuses told of " + shipmentId);
    }

    PostalProcess.WorkerApi.Application postalApplication(String exchangeId) throws IOException {
        return http.as(require(call(() -> http.get(postal("applications/" + exchangeId), tokens.get())),
                "read the postal application " + exchangeId), PostalProcess.WorkerApi.Application.class);
    }

    void vnpostTold(String exchangeId) throws IOException {
        require(call(() -> http.post(postal("applications/" + exchangeId) + "/told", tokens.get(), Map.of())),
                "record that VNPost was told of " + exchangeId);
    }

    private String postal(String path) {
        return baseUrl + PostalProcess.WorkerApi.PATH + "/" + path;
    }

    private String url(String exchangeId) {
        return baseUrl + WorkerApi.PATH + "/" + exchangeId;
    }

    private static JsonNode require(JsonHttp.Reply reply, String what) throws IOException {
        if (unavailable(reply)) {
            throw new Unavailable("could not " + what + ": " + reply.describe(), null);
        }
        if (!reply.ok()) {
            throw new IOException("could not " + what + ": " + reply.describe());
        }
        return reply.body();
    }
}
