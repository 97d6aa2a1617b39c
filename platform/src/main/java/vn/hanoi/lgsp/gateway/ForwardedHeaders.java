package vn.hanoi.lgsp.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Which headers cross the gateway: hop-by-hop ones never, credentials and what the LGSP sets itself neither way. */
final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    /** Never passed to the provider: the consumer's credentials, and what the LGSP sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "cookie", "host", "content-length",
            "expect", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-real-ip", "x-lgsp-transaction-id", "x-lgsp-consumer", "x-lgsp-purpose", "x-lgsp-officer",
            "x-road-client", "x-road-service", "accept-encoding");
    /** Never passed back to the consumer. */
    private static final Set<String> NOT_RETURNED = Set.of("set-cookie", "set-cookie2", "content-length",
            "x-lgsp-transaction-id", "www-authenticate", "server");

    private ForwardedHeaders() {
    }

    /** The consumer's headers the provider may see. */
    static void toProvider(HttpServletRequest request, HttpRequest.Builder upstream) {
        Set<String> named = connectionTokens(request.getHeader("Connection"));
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || NOT_FORWARDED.contains(lower) || named.contains(lower)
                    || lower.startsWith("x-road-") || lower.startsWith("x-lgsp-") || lower.startsWith("x-forwarded-")
                    || lower.startsWith("x-http-method") || lower.equals("x-method-override")
                    || lower.equals("x-original-url") || lower.equals("x-rewrite-url")) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                try {
                    upstream.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    // a header the HTTP client sets itself
                }
            }
        }
    }

    /** The provider's headers the consumer may see; those the gateway already set stay as they are. */
    static void toConsumer(HttpHeaders answer, HttpServletResponse response) {
        Set<String> named = connectionTokens(answer.firstValue("Connection").orElse(null));
        answer.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || HOP_BY_HOP.contains(lower) || NOT_RETURNED.contains(lower)
                    || named.contains(lower) || lower.equals("content-type")) {
                return;
            }
            if (response.containsHeader(name)) {
                return;
            }
            values.forEach(v -> response.addHeader(name, v));
        });
    }

    private static Set<String> connectionTokens(String connection) {
        if (connection == null) {
            return Set.of();
        }
        Set<String> tokens = new HashSet<>();
        for (String token : connection.split(",")) {
            tokens.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }
}
