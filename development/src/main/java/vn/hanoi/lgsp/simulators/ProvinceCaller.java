package vn.hanoi.lgsp.simulators;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ministry or another province calling one of Hanoi's services through NDXP (Đ6.1.4.c), as
 * NDXP relays it: NDXP has authenticated its member, and calls the LGSP's gateway with its own
 * credential — the one it uses for callbacks to the LGSP — naming the member in
 * {@code X-Road-Client}, its own message id in {@code X-Road-Id} and the LGSP's member in
 * {@code X-Road-Service}. The LGSP's status and body come back as they are.
 *
 * <p>The LGSP's gateway is found where its callbacks go: the same platform, under
 * {@code /api/v1/gateway}.
 */
final class ProvinceCaller {

    private static final Logger log = LoggerFactory.getLogger(ProvinceCaller.class);

    /** The LGSP of Hanoi as an NDXP member, the service side of these calls. */
    static final String LGSP_MEMBER = "VN:GOV:000.00.00.H26:LGSP";
    static final String GATEWAY_PATH = "/api/v1/gateway";
    private static final String API_PREFIX = "/api/v1/";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern METHOD = Pattern.compile("GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS");
    /** Under the gateway: {@code /{service}/{version}/...}, a query allowed, nothing that climbs out of it. */
    private static final Pattern PATH = Pattern.compile("/[a-z0-9][a-z0-9-]*/[A-Za-z0-9._-]+(/[^?#\\s]*)?(\\?[^#\\s]*)?");
    /** What NDXP sets itself, or the HTTP client does: never taken from the member. */
    private static final Set<String> OWN_HEADERS = Set.of("authorization", "host", "content-length", "connection",
            "expect", "upgrade", "transfer-encoding", "cookie");

    /**
     * What the control route takes: who calls ({@code VN:GOV:<code>:<subsystem>}), the path under
     * the gateway ({@code /hotich-tra-cuu/v1/khai-sinh?soDinhDanh=…}), the method (GET unless
     * named), the member's headers and its body as text.
     */
    record Relay(String member, String path, String method, Map<String, String> headers, String body) {
    }

    private final Supplier<String> lgspCallbackUrl;
    private final Supplier<String> ndxpToken;
    // JDK HttpServer speaks only HTTP/1.1 on the simulators' side; the LGSP answers plain HTTP/1.1 too
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * @param lgspCallbackUrl where NDXP's callbacks to the LGSP go, read on every call
     * @param ndxpToken       NDXP's bearer token towards the LGSP, asked for on every call
     */
    ProvinceCaller(Supplier<String> lgspCallbackUrl, Supplier<String> ndxpToken) {
        this.lgspCallbackUrl = lgspCallbackUrl;
        this.ndxpToken = ndxpToken;
    }

    SimResponse relay(SimRequest request, Matcher ignored) {
        Relay relay = request.json(Relay.class);
        XRoadAddress member = XRoadAddress.parse(relay.member(), "member");
        String path = Fields.required(relay.path(), "path");
        if (!PATH.matcher(path).matches() || path.contains("..")) {
            throw Fields.invalid("Trường path phải có dạng /<dịch vụ>/<phiên bản>/... dưới cổng của LGSP");
        }
        String method = relay.method() == null ? "GET" : relay.method().toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            throw Fields.invalid("Phương thức không được hỗ trợ: " + relay.method());
        }
        String gateway = gatewayBase();
        String token = ndxpToken == null ? null : ndxpToken.get();
        if (gateway == null || token == null) {
            return SimResponse.failure(503, "SERVICE_UNAVAILABLE", "NDXP chưa được kết nối với LGSP Hà Nội");
        }
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(gateway + path));
        } catch (IllegalArgumentException e) {
            throw Fields.invalid("Trường path không tạo thành địa chỉ hợp lệ");
        }
        byte[] body = relay.body() == null ? new byte[0] : relay.body().getBytes(StandardCharsets.UTF_8);
        builder.timeout(REQUEST_TIMEOUT)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (relay.headers() != null) {
            relay.headers().forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!OWN_HEADERS.contains(lower) && !lower.startsWith("x-road-") && value != null) {
                    try {
                        builder.header(name, value);
                    } catch (IllegalArgumentException restricted) {
                        // a header the HTTP client sets itself
                    }
                }
            });
        }
        String messageId = UUID.randomUUID().toString();
        builder.header("Authorization", "Bearer " + token)
                .header("X-Road-Client", member.toString())
                .header("X-Road-Id", messageId)
                .header("X-Road-Service", LGSP_MEMBER);
        try {
            HttpResponse<byte[]> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            log.info("NDXP relayed {} {} for {} to the LGSP (message {}): HTTP {}", method, serviceOf(path), member,
                    messageId, answer.statusCode());
            SimResponse relayed = SimResponse.raw(answer.statusCode(), answer.body()).withHeader("X-Road-Id", messageId);
            String type = answer.headers().firstValue("Content-Type").orElse(null);
            relayed = type == null ? relayed : relayed.withHeader("Content-Type", type);
            String transaction = answer.headers().firstValue("X-LGSP-Transaction-Id").orElse(null);
            return transaction == null ? relayed : relayed.withHeader("X-LGSP-Transaction-Id", transaction);
        } catch (IOException e) {
            log.info("NDXP could not reach the LGSP's gateway at {}: {}", gateway, e.toString());
            return SimResponse.failure(502, "UPSTREAM_UNAVAILABLE", "Không kết nối được LGSP Hà Nội; vui lòng thử lại sau");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SimResponse.failure(503, "SERVICE_UNAVAILABLE", "NDXP đang dừng");
        }
    }

    /** The gateway of the platform the callbacks go to; null while that address is not known. */
    private String gatewayBase() {
        String callback = lgspCallbackUrl == null ? null : lgspCallbackUrl.get();
        if (callback == null) {
            return null;
        }
        int api = callback.indexOf(API_PREFIX);
        if (api > 0) {
            return callback.substring(0, api) + GATEWAY_PATH;
        }
        URI uri = URI.create(callback);
        return uri.getScheme() + "://" + uri.getRawAuthority() + GATEWAY_PATH;
    }

    /** Later segments and query values may be identifiers: the log keeps only service and version. */
    private static String serviceOf(String path) {
        String[] segments = path.split("[/?]", 4);
        return "/" + segments[1] + "/" + segments[2];
    }
}
