package vn.hanoi.lgsp.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for the agency API, as an agency system would call it. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {

        public String code() {
            return body.path("code").asText(null);
        }

        public String error() {
            return body.path("error").asText(null);
        }

        public String message() {
            return body.path("message").asText(null);
        }

        public String transactionId() {
            return raw.headers().firstValue("X-LGSP-Transaction-Id").orElse(null);
        }
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Reply post(String path, String token, String contentType, String body) {
        HttpRequest.Builder builder = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    public Reply postJson(String path, String token, Object body) {
        try {
            return post(path, token, "application/json", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON POST carrying an {@code Idempotency-Key}. */
    public Reply post(String path, String token, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder builder = request(path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (idempotencyKey != null) {
                builder.header("Idempotency-Key", idempotencyKey);
            }
            return send(builder.build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Reply put(String path, String token, Object body) {
        try {
            return send(request(path, token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any call, with extra headers and an optional body, as a gateway consumer makes it. */
    public Reply call(String method, String path, String token, java.util.Map<String, String> headers, String body) {
        HttpRequest.Builder builder = request(path, token).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Reply method(String method, String path, String token) {
        return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                // an XML answer passed through the gateway; the text is in raw
                body = JSON.createObjectNode();
            }
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
