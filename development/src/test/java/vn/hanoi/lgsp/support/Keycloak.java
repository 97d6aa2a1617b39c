package vn.hanoi.lgsp.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Gets real tokens from the test Keycloak, the way agency systems and staff tools do. */
public final class Keycloak {

    public static final String STAFF_PASSWORD = "HaNoi#2025";
    /** Demo agency systems of the realm file: client id, secret and agency code. */
    public static final Client DOST_SYSTEM = new Client("sokhcn-system", "Sokhcn#Demo2025", "000.00.12.H26");
    public static final Client JUSTICE_SYSTEM = new Client("sotuphap-system", "Sotuphap#Demo2025", "000.00.13.H26");

    public record Client(String id, String secret, String agencyCode) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;

    public Keycloak(String url) {
        this.url = url;
    }

    public String tokenEndpoint() {
        return url + "/realms/lgsp/protocol/openid-connect/token";
    }

    public String clientToken(Client client) {
        return token(Map.of("grant_type", "client_credentials", "client_id", client.id(), "client_secret", client.secret()));
    }

    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A token for any token-endpoint form, e.g. client credentials asking for a scope. */
    public String clientToken(Map<String, String> form) {
        return token(form);
    }

    /**
     * A DOST operator's token: DOST's own work (registry, catalog, grants, systems) is done by
     * people, never by an agency system's credentials.
     */
    public String operatorToken() {
        return staffToken("operator");
    }

    /** A staff member's token through the development command-line client. */
    public String staffToken(String username) {
        return token(Map.of("grant_type", "password", "client_id", "lgsp-cli", "username", username,
                "password", STAFF_PASSWORD));
    }

    /** A token of Keycloak's master-realm administrator, for test set-up only. */
    public String masterAdminToken(String username, String password) {
        return post(url + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
    }

    private String token(Map<String, String> form) {
        return post(tokenEndpoint(), form);
    }

    private static String post(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
