package vn.hanoi.lgsp.simulators;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VDXP's sign-in for citizens (VNeID) as an OpenID Connect provider, for Keycloak to broker
 * (R-08, Đ6.1.3.d): discovery, an authorization endpoint with a sign-in page, the token
 * endpoint (authorization code, client secret by form or Basic), user info with the 12-digit
 * personal identification number as {@code sub}, and the keys that sign its ID tokens. The
 * citizens are those of the simulated national population register; each signs in with
 * {@link #DEMO_PASSCODE}, standing for the app's confirmation on the citizen's phone.
 */
final class VneidSignIn {

    private static final Logger log = LoggerFactory.getLogger(VneidSignIn.class);
    static final String DEMO_PASSCODE = "123456";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The relying party VDXP registered: Keycloak's broker for the city's citizens realm, and its one redirect URI. */
    record Client(String clientId, String clientSecret, String redirectUri) {
    }

    private record Grant(NationalRegisters.Citizen citizen, String clientId, String redirectUri, String nonce,
                         Instant expiresAt) {
    }

    private final Supplier<String> issuer;
    private final Client client;
    private final Clock clock;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();

    VneidSignIn(Supplier<String> issuer, Client client, Clock clock) {
        this.issuer = issuer;
        this.client = client;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("vneid-sim-" + Long.toHexString(RANDOM.nextLong())).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    void register(Routes routes) {
        routes.add("GET", "/\\.well-known/openid-configuration", this::discovery);
        routes.add("GET", "/oidc/authorize", this::signInPage);
        routes.add("POST", "/oidc/authorize", this::signIn);
        routes.add("POST", "/oidc/token", this::token);
        routes.add("GET", "/oidc/userinfo", this::userInfo);
        routes.add("GET", "/oidc/jwks", (request, path) -> SimResponse.ok(new JWKSet(key.toPublicJWK()).toJSONObject()));
    }

    private SimResponse discovery(SimRequest request, Matcher path) {
        String base = issuer.get();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", base);
        document.put("authorization_endpoint", base + "/oidc/authorize");
        document.put("token_endpoint", base + "/oidc/token");
        document.put("userinfo_endpoint", base + "/oidc/userinfo");
        document.put("jwks_uri", base + "/oidc/jwks");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        document.put("scopes_supported", List.of("openid", "profile", "email"));
        return SimResponse.ok(document);
    }

    private SimResponse signInPage(SimRequest request, Matcher path) {
        Map<String, String> query = request.query();
        String refusal = checkRelyingParty(query.get("client_id"), query.get("redirect_uri"), query.get("response_type"));
        if (refusal != null) {
            return html(400, page("Yêu cầu đăng nhập không hợp lệ", "<p>" + escape(refusal) + "</p>"));
        }
        return html(200, form(query, null));
    }

    private SimResponse signIn(SimRequest request, Matcher path) {
        Map<String, String> form = request.form();
        String refusal = checkRelyingParty(form.get("client_id"), form.get("redirect_uri"), form.get("response_type"));
        if (refusal != null) {
            return html(400, page("Yêu cầu đăng nhập không hợp lệ", "<p>" + escape(refusal) + "</p>"));
        }
        String citizenId = form.getOrDefault("citizenId", "").strip();
        var citizen = NationalRegisters.citizen(citizenId).orElse(null);
        if (citizen == null || !DEMO_PASSCODE.equals(form.get("passcode"))) {
            log.info("VNeID sign-in refused");
            return html(200, form(form, "Số định danh cá nhân hoặc mã xác thực không đúng."));
        }
        String code = random();
        codes.put(code, new Grant(citizen, form.get("client_id"), form.get("redirect_uri"), form.get("nonce"),
                clock.instant().plus(CODE_LIFETIME)));
        String location = form.get("redirect_uri") + (form.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + enc(code) + (form.get("state") == null ? "" : "&state=" + enc(form.get("state")));
        return SimResponse.raw(302, new byte[0]).withHeader("Location", location);
    }

    private SimResponse token(SimRequest request, Matcher path) {
        forgetExpired();
        Map<String, String> form = request.form();
        String[] credentials = clientCredentials(request, form);
        if (credentials == null || !client.clientId().equals(credentials[0])
                || !client.clientSecret().equals(credentials[1])) {
            return SimResponse.of(401, Map.of("error", "invalid_client"));
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return SimResponse.of(400, Map.of("error", "unsupported_grant_type"));
        }
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (grant == null || grant.expiresAt().isBefore(clock.instant())
                || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            return SimResponse.of(400, Map.of("error", "invalid_grant"));
        }
        String accessToken = random();
        Instant now = clock.instant();
        accessTokens.put(accessToken, new Grant(grant.citizen(), grant.clientId(), grant.redirectUri(), null,
                now.plus(TOKEN_LIFETIME)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", TOKEN_LIFETIME.toSeconds());
        answer.put("id_token", idToken(grant, now));
        log.info("VNeID sign-in: tokens issued to {}", grant.clientId());
        return SimResponse.ok(answer).withHeader("Cache-Control", "no-store");
    }

    private SimResponse userInfo(SimRequest request, Matcher path) {
        String authorization = request.headers().getFirst("Authorization");
        Grant grant = authorization == null || !authorization.startsWith("Bearer ") ? null
                : accessTokens.get(authorization.substring(7).strip());
        if (grant == null || grant.expiresAt().isBefore(clock.instant())) {
            return SimResponse.of(401, Map.of("error", "invalid_token"));
        }
        return SimResponse.ok(claims(grant.citizen()));
    }

    /** Codes and tokens nobody used in time are dropped, so the maps stay small. */
    private void forgetExpired() {
        Instant now = clock.instant();
        codes.values().removeIf(g -> g.expiresAt().isBefore(now));
        accessTokens.values().removeIf(g -> g.expiresAt().isBefore(now));
    }

    private String idToken(Grant grant, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.get())
                .audience(grant.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)));
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        claims(grant.citizen()).forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** What VNeID tells about the citizen: the identifier, the name split as Vietnamese names are, birth, sex. */
    private static Map<String, Object> claims(NationalRegisters.Citizen citizen) {
        String name = citizen.fullName();
        int firstSpace = name.indexOf(' ');
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", citizen.citizenId());
        claims.put("preferred_username", citizen.citizenId());
        claims.put("name", name);
        claims.put("family_name", firstSpace < 0 ? name : name.substring(0, firstSpace));
        claims.put("given_name", firstSpace < 0 ? name : name.substring(firstSpace + 1));
        claims.put("birthdate", citizen.dateOfBirth());
        claims.put("gender", citizen.sex());
        // the account's contact address; the simulated register has none, so one is made from the identifier
        claims.put("email", citizen.citizenId() + "@vneid.simulator.invalid");
        claims.put("email_verified", true);
        claims.put("assurance_level", 2);
        return claims;
    }

    private String checkRelyingParty(String clientId, String redirectUri, String responseType) {
        if (!client.clientId().equals(clientId)) {
            return "Ứng dụng không được đăng ký với VNeID.";
        }
        if (!client.redirectUri().equals(redirectUri)) {
            return "Địa chỉ chuyển hướng không được đăng ký.";
        }
        if (!"code".equals(responseType)) {
            return "Chỉ hỗ trợ response_type=code.";
        }
        return null;
    }

    private static String[] clientCredentials(SimRequest request, Map<String, String> form) {
        String authorization = request.headers().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        }
        if (form.get("client_id") != null && form.get("client_secret") != null) {
            return new String[] {form.get("client_id"), form.get("client_secret")};
        }
        return null;
    }

    private static String form(Map<String, String> request, String error) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "response_type", "scope", "state", "nonce")) {
            if (request.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(request.get(name))).append("\">");
            }
        }
        String body = (error == null ? "" : "<p role=\"alert\" id=\"vneid-error\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/oidc/authorize\">" + hidden
                + "<p><label for=\"citizenId\">Số định danh cá nhân</label><br>"
                + "<input id=\"citizenId\" name=\"citizenId\" inputmode=\"numeric\" autocomplete=\"username\"></p>"
                + "<p><label for=\"passcode\">Mã xác thực trên ứng dụng VNeID</label><br>"
                + "<input id=\"passcode\" name=\"passcode\" type=\"password\" autocomplete=\"one-time-code\"></p>"
                + "<p><button id=\"vneid-sign-in\" type=\"submit\">Đăng nhập</button></p></form>";
        return page("Đăng nhập bằng tài khoản định danh điện tử VNeID (mô phỏng)", body);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"UTF-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static SimResponse html(int status, String page) {
        return SimResponse.raw(status, page.getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("Cache-Control", "no-store");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
