package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A simulated system's own Keycloak token towards the LGSP, reused until shortly before expiry. */
final class ClientCredentialsToken implements Supplier<String> {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String tokenUrl;
    private final String clientId;
    private final String secret;
    private String token;
    private Instant renewAt = Instant.MIN;

    ClientCredentialsToken(String tokenUrl, String clientId, String secret) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.secret = secret;
    }

    @Override
    public synchronized String get() {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused " + clientId + ": HTTP " + response.statusCode());
            }
            JsonNode body = Json.MAPPER.readTree(response.body());
            token = body.path("access_token").asText();
            renewAt = Instant.now().plusSeconds(Math.max(1, body.path("expires_in").asLong(60) - 20));
            return token;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no token for " + clientId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
