package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** The production realm template is a realm Keycloak accepts, and it comes with no person and no password grant. */
class ProductionRealmTemplateTest extends PlatformTest {

    @Value("${lgsp.keycloak.admin-username}")
    String keycloakAdmin;
    @Value("${lgsp.keycloak.admin-password}")
    String keycloakAdminPassword;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void keycloakImportsItAndItsClientsGetSecretsOfTheirOwn() throws Exception {
        ObjectNode realm = (ObjectNode) JSON.readTree(Path.of("deploy/keycloak/lgsp-realm-production.json").toFile());
        String name = "lgsp-template-check";
        realm.put("realm", name);
        String admin = keycloak.masterAdminToken(keycloakAdmin, keycloakAdminPassword);
        HttpResponse<String> created = send(admin, "POST", "/admin/realms", JSON.writeValueAsString(realm));
        try {
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode users = JSON.readTree(send(admin, "GET", "/admin/realms/" + name + "/users?max=100", null).body());
            users.forEach(u -> assertThat(u.path("username").asText()).startsWith("service-account-"));
            JsonNode clients = JSON.readTree(send(admin, "GET", "/admin/realms/" + name + "/clients?clientId=lgsp-platform",
                    null).body());
            String id = clients.get(0).path("id").asText();
            String secret = JSON.readTree(send(admin, "GET", "/admin/realms/" + name + "/clients/" + id + "/client-secret",
                    null).body()).path("value").asText();
            assertThat(secret).isNotBlank().isNotEqualTo("lgsp-platform-dev-secret");
            // no client of the template takes a password: there is no lgsp-cli to ask
            assertThat(JSON.readTree(send(admin, "GET", "/admin/realms/" + name + "/clients?clientId=lgsp-cli", null).body()))
                    .isEmpty();
            // of the template's clients (Keycloak adds its own, such as admin-cli, to every realm)
            java.util.Set<String> ours = new java.util.HashSet<>();
            realm.path("clients").forEach(c -> ours.add(c.path("clientId").asText()));
            JSON.readTree(send(admin, "GET", "/admin/realms/" + name + "/clients", null).body()).forEach(c -> {
                if (ours.contains(c.path("clientId").asText())) {
                    assertThat(c.path("directAccessGrantsEnabled").asBoolean()).as(c.path("clientId").asText()).isFalse();
                }
            });
            HttpResponse<String> passwordGrant = send(null, "POST", "/realms/" + name + "/protocol/openid-connect/token",
                    "grant_type=password&client_id=lgsp-cli&username=operator&password=HaNoi%232025");
            assertThat(passwordGrant.statusCode()).isIn(400, 401, 403);
        } finally {
            send(admin, "DELETE", "/admin/realms/" + name, null);
        }
    }

    private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloakUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", path.contains("/token") ? "application/x-www-form-urlencoded" : "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
