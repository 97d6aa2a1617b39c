package vn.hanoi.lgsp.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An OAuth2 client-credentials token, fetched when needed and reused until shortly before
 * it expires. Keycloak takes the credentials in the form; the national gateways in HTTP Basic.
 */
final class AccessTokens {

    enum CredentialStyle { FORM, BASIC }

    private final HttpClient http;
    private final ObjectMapper json;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final CredentialStyle style;
    private String token;
    private Instant renewAt = Instant.MIN;

    AccessTokens(HttpClient http, ObjectMapper json, String tokenUrl, String clientId, String clientSecret,
                 CredentialStyle style) {
        this.http = http;
        this.json = json;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.style = style;
    }

    synchronized String get() throws IOException {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return token;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded");
        String form = "grant_type=client_credentials";
        if (style == CredentialStyle.BASIC) {
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        } else {
            form += "&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret);
        }
        try {
            HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("token endpoint " + tokenUrl + " answered HTTP " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            token = body.path("access_token").asText(null);
            if (token == null) {
                throw new IOException("token endpoint " + tokenUrl + " answered without access_token");
            }
            long lifetime = body.path("expires_in").asLong(60);
            renewAt = Instant.now().plusSeconds(Math.max(1, lifetime - Math.min(30, lifetime / 2)));
            return token;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** After a 401: the token was revoked or the peer restarted. */
    synchronized void invalidate() {
        token = null;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
