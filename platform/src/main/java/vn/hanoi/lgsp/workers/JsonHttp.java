package vn.hanoi.lgsp.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP with a bearer token; an unreadable answer counts as a failed call. */
final class JsonHttp {

    /** The largest answer read from a peer; anything longer is a failed call, not a memory problem. */
    static final int MAX_PEER_ANSWER = 1024 * 1024;
    /** The platform's worker API answers with a whole record (base64): room for the largest one. */
    static final int MAX_PLATFORM_ANSWER = 64 * 1024 * 1024;
    static final int MAX_MESSAGE = 500;

    record Reply(int status, JsonNode body, long millis) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth trying again later: the peer is overloaded, restarting or failing inside. */
        boolean transientFailure() {
            return status >= 500 || status == 408 || status == 429;
        }

        /** Status and the peer's message, cut short: a peer's text must never outgrow what stores it. */
        String describe() {
            String message = body == null ? null : body.path("message").asText(null);
            if (message != null && message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "…";
            }
            return "HTTP " + status + (message == null ? "" : ": " + message);
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    private final int maxAnswer;

    JsonHttp(HttpClient http, ObjectMapper json, Duration timeout, int maxAnswer) {
        this.maxAnswer = maxAnswer;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    /** Reads a platform answer as its contract record. */
    <T> T as(JsonNode body, Class<T> type) throws IOException {
        try {
            return json.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IOException("the platform's answer is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    Reply get(String url, String token) throws IOException {
        return send(request(url, token).GET().build());
    }

    Reply post(String url, String token, Object body) throws IOException {
        return post(url, token, body, java.util.Map.of());
    }

    /** A POST with headers of the peer's protocol, such as NDXP's X-Road addressing. */
    Reply post(String url, String token, Object body, java.util.Map<String, String> headers) throws IOException {
        HttpRequest.Builder builder = request(url, token).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    private HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest request) throws IOException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, vn.hanoi.lgsp.http.BoundedBody.ofString(maxAnswer));
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode body;
            try {
                body = response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new BadAnswer(request.uri().getHost() + ":" + request.uri().getPort()
                        + " answered HTTP " + response.statusCode() + " with a body that is not JSON", null);
            }
            return new Reply(response.statusCode(), body, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (vn.hanoi.lgsp.http.BoundedBody.TooLarge e) {
            throw new BadAnswer(request.uri().getHost() + ":" + request.uri().getPort() + " answered more than "
                    + maxAnswer + " bytes", e);
        } catch (IOException e) {
            if (e.getCause() instanceof vn.hanoi.lgsp.http.BoundedBody.TooLarge tooLarge) {
                throw new BadAnswer(request.uri().getHost() + ":" + request.uri().getPort() + " answered more than "
                        + maxAnswer + " bytes", tooLarge);
            }
            throw e;
        }
    }

    /** The peer answered, but not as a JSON API answers (not JSON, too large): asking again will not help. */
    static final class BadAnswer extends IOException {
        BadAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
