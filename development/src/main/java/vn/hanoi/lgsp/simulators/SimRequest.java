package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request read completely off the wire, so it can be inspected more than once.
 *
 * @param path     decoded, without the query
 * @param rawQuery the query as sent, still percent-encoded; {@code null} when there is none
 */
record SimRequest(String method, String path, String rawQuery, Headers headers, byte[] body) {

    static SimRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new SimRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** The token of an {@code Authorization: Bearer} header, if there is one. */
    Optional<String> bearerToken() {
        return credentials("Bearer");
    }

    /** The value after the given scheme in the {@code Authorization} header. */
    Optional<String> credentials(String scheme) {
        return header("Authorization")
                .map(String::strip)
                .filter(value -> value.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1))
                .map(value -> value.substring(scheme.length() + 1).strip())
                .filter(value -> !value.isEmpty());
    }

    /** The body as the given record; a body that is not such JSON is the client's fault. */
    <T> T json(Class<T> type) {
        if (body.length == 0) {
            throw SimResponse.failure(400, "VALIDATION_FAILED", "Thiếu nội dung yêu cầu (JSON)").reject();
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new IOException("null body");
            }
            return value;
        } catch (IOException e) {
            throw SimResponse.failure(400, "VALIDATION_FAILED", "Nội dung yêu cầu không phải JSON hợp lệ").reject();
        }
    }

    /** The body as a JSON tree, or empty when it is not JSON; never fails. */
    Optional<JsonNode> jsonTree() {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The body as {@code application/x-www-form-urlencoded} parameters (first value wins). */
    Map<String, String> form() {
        return parameters(new String(body, StandardCharsets.UTF_8));
    }

    /** The query parameters, decoded as UTF-8 (first value wins); empty when there is no query. */
    Map<String, String> query() {
        return rawQuery == null ? Map.of() : parameters(rawQuery);
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> params = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
