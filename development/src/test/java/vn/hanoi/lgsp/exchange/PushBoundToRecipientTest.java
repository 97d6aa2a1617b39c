package vn.hanoi.lgsp.exchange;

import vn.hanoi.lgsp.identity.PushAudiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.Simulators;

/**
 * R-03, R-08 (Đ7.3): what the LGSP pushes to an agency's system carries a token
 * meant for that agency alone, and the source's own signature; the simulated systems check the
 * audience as a real one should, so a recipient cannot replay the push at another agency.
 */
class PushBoundToRecipientTest extends PlatformTest {

    static final String DOST = Keycloak.DOST_SYSTEM.agencyCode();
    static final String JUSTICE = Keycloak.JUSTICE_SYSTEM.agencyCode();

    @Value("${lgsp.workers.outbound-client-secret}")
    String outboundSecret;
    @Autowired
    Simulators simulators;
    @Autowired
    PushAudiences audiences;

    @Test
    void aSignedRecordReachesItsDestinationWithTheSourcesSignatureAndATokenForThatDestinationOnly() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("dost-" + UUID.randomUUID()).generate();
        JsonNode before = registerSystem(api, keycloak, DOST, key.toPublicJWK().toJSONString(), true);
        try {
            byte[] content = ("Công văn có ký số " + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new Payload(content));
            jws.sign(new RSASSASigner(key));
            String signature = jws.serialize(true);
            RecordExchangeTest.Record record = new RecordExchangeTest.Record(content, "text/plain", JUSTICE, Map.of())
                    .with("signature", signature);
            String id = RecordExchangeTest.accepted(api.post("/api/v1/exchanges", keycloak.clientToken(Keycloak.DOST_SYSTEM),
                    record.json(), RecordExchangeTest.key()));

            AgencySystemSimulator justice = simulators.agency(JUSTICE).orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> justice.receivedContent(id).isPresent());
            // the destination can check the sender and the content itself, with the source's published key
            String received = justice.receivedSignature(id).orElseThrow();
            assertThat(received).isEqualTo(signature);
            assertThat(JWSObject.parse(received, new Payload(justice.receivedContent(id).orElseThrow()))
                    .verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
        } finally {
            registerSystem(api, keycloak, DOST, before.path("signingKeyJwk").asText(null), false);
        }

        // a token the LGSP fetched for the Department of Justice, replayed by it at another agency: refused
        String forJustice = keycloak.clientToken(Map.of("grant_type", "client_credentials", "client_id", "lgsp-outbound",
                "client_secret", outboundSecret, "scope", audiences.scopeFor(JUSTICE)));
        assertThat(push(simulators.agency(DOST).orElseThrow(), forJustice)).isEqualTo(401);
        assertThat(push(simulators.agency("000.00.61.H26").orElseThrow(), forJustice)).isEqualTo(401);
        // at the platform's own API too
        assertThat(api.get("/api/v1/inbox", forJustice).status()).isEqualTo(401);
        // at its own system it gets past the door (and is then refused for its empty body)
        assertThat(push(simulators.agency(JUSTICE).orElseThrow(), forJustice)).isEqualTo(400);
        // the outbound client without an agency's scope has no audience any agency accepts
        String unscoped = keycloak.clientToken("lgsp-outbound", outboundSecret);
        assertThat(push(simulators.agency(JUSTICE).orElseThrow(), unscoped)).isEqualTo(401);
    }

    private static int push(AgencySystemSimulator system, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system.baseUrl() + "/records"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JsonNode registerSystem(Api api, Keycloak keycloak, String agency, String jwk, boolean signatureRequired) {
        String operator = keycloak.operatorToken();
        JsonNode current = api.get("/api/v1/agencies/" + agency + "/system", operator).body().path("system");
        Map<String, Object> system = new HashMap<>();
        system.put("baseUrl", current.path("baseUrl").asText());
        system.put("pushEnabled", current.path("pushEnabled").asBoolean(true));
        system.put("signingKeyJwk", jwk);
        system.put("signatureRequired", signatureRequired);
        vn.hanoi.lgsp.support.SystemChangeApproval.applied(api, keycloak, agency, system);
        return current;
    }
}
