package vn.hanoi.lgsp.workers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
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
    String outboundToken(JsonNode endpoint) throws IOException {
        String scope = endpoint.path("audienceScope").asText(null);
        if (scope == null || scope.isBlank()) {
            throw new IOException("the platform named no audience for this agency system");
        }
        return perRecipient.computeIfAbsent(scope, outboundTokens).get();
    }

    JsonNode delivery(String exchangeId) throws IOException {
        return require(http.get(url(exchangeId), tokens.get()), "read exchange " + exchangeId);
    }

    /**
     * The exchange as a worker needs it, or nothing when the platform cannot be reached: then
     * the task is already handed back to be retried later, or left to the engine's incidents.
     */
    java.util.Optional<JsonNode> deliveryOrRetry(String exchangeId, org.camunda.bpm.client.task.ExternalTask task,
                                                 org.camunda.bpm.client.task.ExternalTaskService service,
                                                 RetryPolicy retry) {
        try {
            return java.util.Optional.of(delivery(exchangeId));
        } catch (IOException e) {
            Failures.retryOrGiveUp(task, service, retry, "the platform could not be reached: " + e.getMessage(), null);
            return java.util.Optional.empty();
        }
    }

    JsonNode applicant(String exchangeId) throws IOException {
        return require(http.get(url(exchangeId) + "/applicant", tokens.get()), "read the applicant of " + exchangeId);
    }

    /** Records the destination's receipt and the push that brought it; the platform checks its digest. */
    JsonHttp.Reply receipt(String exchangeId, String receivedSha256, JsonHttp.Reply push) throws IOException {
        return http.post(url(exchangeId) + "/receipt", tokens.get(), Map.of("receivedSha256", receivedSha256,
                "httpStatus", push.status(), "durationMs", push.millis()));
    }

    /** Best effort: monitoring of an attempt must not fail the delivery itself. */
    void attempt(String exchangeId, String route, boolean success, String error, Integer httpStatus, long millis) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("route", route);
        body.put("success", success);
        body.put("error", error);
        body.put("httpStatus", httpStatus);
        body.put("durationMs", millis);
        try {
            http.post(url(exchangeId) + "/attempts", tokens.get(), body);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not record a delivery attempt of {}: {}", exchangeId, e.getMessage());
        }
    }

    private String url(String exchangeId) {
        return baseUrl + "/api/v1/internal/exchanges/" + exchangeId;
    }

    private static JsonNode require(JsonHttp.Reply reply, String what) throws IOException {
        if (!reply.ok()) {
            throw new IOException("could not " + what + ": " + reply.describe());
        }
        return reply.body();
    }
}
