package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** R-08, R-25: only valid tokens of the LGSP realm reach the agency API; every refusal is a 01 envelope. */
class AgencyApiAuthenticationTest extends PlatformTest {

    @Value("${lgsp.keycloak.admin-username}")
    String keycloakAdmin;
    @Value("${lgsp.keycloak.admin-password}")
    String keycloakAdminPassword;

    @Test
    void clientCredentialsTokenReachesTheApiAndIdentifiesTheAgency() throws Exception {
        String token = keycloak.clientToken(Keycloak.DOST_SYSTEM);

        Api.Reply reply = api.get("/api/v1/categories/agencies", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo("00");
        assertThat(reply.transactionId()).isNotBlank();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("agency_code")).isEqualTo("000.00.12.H26");
    }

    @Test
    void requestWithoutTokenIsRefusedWithEnvelope() {
        Api.Reply reply = api.get("/api/v1/categories/agencies", null);

        assertUnauthenticated(reply);
        assertThat(reply.message()).contains("access token is required");
    }

    @Test
    void forgedTokenIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(keycloak.clientToken(Keycloak.DOST_SYSTEM));
        RSAKey forgerKey = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(forgerKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(forgerKey));

        Api.Reply reply = api.get("/api/v1/categories/agencies", forged.serialize());

        assertUnauthenticated(reply);
        assertThat(reply.message()).contains("signature");
    }

    @Test
    void malformedTokenIsRefused() {
        assertUnauthenticated(api.get("/api/v1/categories/agencies", "not-a-token"));
    }

    @Test
    void tokenOfAnotherRealmIsRefused() {
        String masterToken = keycloak.masterAdminToken(keycloakAdmin, keycloakAdminPassword);

        assertUnauthenticated(api.get("/api/v1/categories/agencies", masterToken));
    }

    @Test
    void tokenTheLgspShowsAgencySystemsDoesNotOpenItsOwnApi() {
        // an agency system receiving it could otherwise replay it against the platform
        String outbound = keycloak.clientToken("lgsp-outbound", "lgsp-outbound-dev-secret");

        assertUnauthenticated(api.get("/api/v1/categories/agencies", outbound));
        assertUnauthenticated(api.get("/api/v1/internal/exchanges/" + java.util.UUID.randomUUID(), outbound));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String clientId = "expiry-probe-" + System.nanoTime();
        String secret = "Probe#" + System.nanoTime();
        createShortLivedClient(clientId, secret);
        String token = keycloak.clientToken(clientId, secret);
        Instant expiry = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(api.get("/api/v1/categories/agencies", token).status()).isEqualTo(200);

        // past expiry plus the configured clock skew (1 s in tests)
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 2_500);
        Api.Reply reply = api.get("/api/v1/categories/agencies", token);

        assertUnauthenticated(reply);
        assertThat(reply.message()).contains("expired");
    }

    private void assertUnauthenticated(Api.Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("01");
        assertThat(reply.error()).isEqualTo("UNAUTHENTICATED");
        assertThat(reply.message()).isNotBlank();
        assertThat(reply.transactionId()).isNotBlank();
        assertThat(reply.body().path("transactionId").asText()).isEqualTo(reply.transactionId());
    }

    /** A client whose tokens live two seconds, made through Keycloak's admin API. */
    private void createShortLivedClient(String clientId, String secret) throws Exception {
        String admin = keycloak.masterAdminToken(keycloakAdmin, keycloakAdminPassword);
        Map<String, Object> client = Map.of(
                "clientId", clientId, "secret", secret, "enabled", true, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.lifespan", "2"),
                "protocolMappers", java.util.List.of(Map.of("name", "audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.custom.audience", "lgsp-api", "access.token.claim", "true"))));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloakUrl + "/admin/realms/lgsp/clients"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(client))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
}
