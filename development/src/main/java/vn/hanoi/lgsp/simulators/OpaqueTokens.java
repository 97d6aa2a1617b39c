package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth2 client-credentials grant of the national platforms: one consumer key and secret,
 * opaque bearer tokens valid for an hour.
 */
final class OpaqueTokens {

    private static final Logger log = LoggerFactory.getLogger(OpaqueTokens.class);

    static final Duration LIFETIME = Duration.ofHours(1);

    private final String realm;
    private final String consumerKey;
    private final String consumerSecret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    OpaqueTokens(String realm, String consumerKey, String consumerSecret, Clock clock) {
        this.realm = realm;
        this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
        this.consumerSecret = Objects.requireNonNull(consumerSecret, "consumerSecret");
        this.clock = clock;
    }

    /** {@code POST /token}. */
    SimResponse issue(SimRequest request, Matcher path) {
        if (!authenticated(request)) {
            log.info("{} token request refused: bad client credentials", realm);
            return SimResponse.failure(401, "UNAUTHENTICATED",
                            "100 AUTHEN_ERROR Sai consumer key hoặc consumer secret")
                    .withHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        }
        String grantType = request.form().get("grant_type");
        if (!"client_credentials".equals(grantType)) {
            return SimResponse.failure(400, "VALIDATION_FAILED",
                    "unsupported_grant_type: chỉ hỗ trợ grant_type=client_credentials");
        }
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, now.plus(LIFETIME));
        return SimResponse.ok(new TokenAnswer(SimResponse.SUCCESS, "Cấp token thành công", token,
                "Bearer", LIFETIME.toSeconds()));
    }

    /** Throws the 401 answer unless the request carries a live token of ours. */
    void requireBearer(SimRequest request) {
        if (!request.bearerToken().map(this::valid).orElse(false)) {
            throw SimResponse.failure(401, "UNAUTHENTICATED", "Token không hợp lệ hoặc đã hết hạn")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"")
                    .reject();
        }
    }

    boolean valid(String token) {
        Instant expiry = expiries.get(token);
        return expiry != null && expiry.isAfter(clock.instant());
    }

    /** Lets tests see how clients cope with a token that lapses while they hold it. */
    void expireAll() {
        expiries.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    private boolean authenticated(SimRequest request) {
        String encoded = request.credentials("Basic").orElse(null);
        if (encoded == null) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String key = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        // RFC 6749 §2.3.1 form-encodes both before Base64 (Spring Security does), many clients don't.
        return (same(key, consumerKey) && same(secret, consumerSecret))
                || (same(formDecode(key), consumerKey) && same(formDecode(secret), consumerSecret));
    }

    private static boolean same(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String formDecode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Standard OAuth2 fields, plus the envelope every answer of these platforms carries. */
    record TokenAnswer(String code, String message,
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }
}
