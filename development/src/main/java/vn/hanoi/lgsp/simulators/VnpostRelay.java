package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NDXP's side of VNPost's service: the LGSP's calls are passed on over HTTP to VNPost's system
 * with NDXP's own VNPost token, and VNPost's answers come back as they are. NDXP holds one
 * client of VNPost for every member it relays, as an X-Road security server holds its own.
 */
final class VnpostRelay {

    private static final Logger log = LoggerFactory.getLogger(VnpostRelay.class);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** A token this close to its expiry is renewed before use rather than lost in flight. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final Supplier<NdxpSimulator.VnpostLink> link;
    // JDK HttpServer speaks only HTTP/1.1; skipping the h2c upgrade keeps requests plain.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private NdxpSimulator.VnpostLink tokenFor;
    private String token;
    private Instant renewAt = Instant.MIN;

    VnpostRelay(Supplier<NdxpSimulator.VnpostLink> link) {
        this.link = link;
    }

    /** Passes the request's body to {@code method path} at VNPost; VNPost's status and body come back. */
    SimResponse relay(SimRequest request, String method, String path) {
        NdxpSimulator.VnpostLink target = link == null ? null : link.get();
        if (target == null) {
            return SimResponse.failure(503, "SERVICE_UNAVAILABLE",
                    "NDXP chưa được kết nối với hệ thống của Tổng công ty Bưu điện Việt Nam");
        }
        try {
            HttpResponse<byte[]> answer = send(target, request, method, path, token(target, false));
            if (answer.statusCode() == 401) {
                // VNPost forgot our token (a restart, an early expiry): one fresh token, one more try
                answer = send(target, request, method, path, token(target, true));
            }
            SimResponse relayed = SimResponse.raw(answer.statusCode(), answer.body());
            String type = answer.headers().firstValue("Content-Type").orElse(null);
            return type == null ? relayed : relayed.withHeader("Content-Type", type);
        } catch (IOException e) {
            log.info("NDXP could not reach VNPost at {} for {} {}: {}", target.baseUrl(), method, path, e.toString());
            return SimResponse.failure(502, "UPSTREAM_UNAVAILABLE",
                    "Không kết nối được hệ thống của Tổng công ty Bưu điện Việt Nam; vui lòng thử lại sau");
        } catch (TokenRefused e) {
            log.warn("NDXP has no VNPost token: {}", e.getMessage());
            return SimResponse.failure(502, "UPSTREAM_UNAVAILABLE",
                    "Hệ thống của Tổng công ty Bưu điện Việt Nam không cấp token cho NDXP");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SimResponse.failure(503, "SERVICE_UNAVAILABLE", "NDXP đang dừng");
        }
    }

    private HttpResponse<byte[]> send(NdxpSimulator.VnpostLink target, SimRequest request, String method, String path,
            String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stripSlash(target.baseUrl()) + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .method(method, request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.header("Content-Type").ifPresent(type -> builder.header("Content-Type", type));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** NDXP's VNPost token, fetched with client credentials and kept until shortly before it expires. */
    private synchronized String token(NdxpSimulator.VnpostLink target, boolean renew)
            throws IOException, InterruptedException {
        if (!renew && token != null && target.equals(tokenFor) && Instant.now().isBefore(renewAt)) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((target.consumerKey() + ":" + target.consumerSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(stripSlash(target.baseUrl()) + "/token"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            token = null;
            throw new TokenRefused("VNPost answered HTTP " + answer.statusCode() + " to NDXP's token request");
        }
        JsonNode body = Json.MAPPER.readTree(answer.body());
        String issued = body.path("access_token").asText(null);
        if (issued == null || issued.isBlank()) {
            throw new TokenRefused("VNPost's token answer has no access_token");
        }
        long lifetime = body.path("expires_in").asLong(60);
        token = issued;
        tokenFor = target;
        renewAt = Instant.now().plusSeconds(Math.max(1, lifetime - RENEW_BEFORE.toSeconds()));
        return token;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static final class TokenRefused extends RuntimeException {
        TokenRefused(String message) {
            super(message);
        }
    }
}
