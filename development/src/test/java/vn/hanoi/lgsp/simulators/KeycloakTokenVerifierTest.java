package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;

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
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeycloakTokenVerifierTest {

    private static RSAKey realmKey;
    private static RSAKey rotatedKey;
    private static RSAKey strangerKey;

    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer keycloak;
    private String issuer;

    @BeforeAll
    static void generateKeys() throws JOSEException {
        realmKey = new RSAKeyGenerator(2048).keyID("realm-key-1").generate();
        rotatedKey = new RSAKeyGenerator(2048).keyID("realm-key-2").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("stranger").generate();
    }

    @BeforeEach
    void startKeycloak() throws IOException {
        published.set(new JWKSet(realmKey.toPublicJWK()));
        keycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        keycloak.createContext("/realms/lgsp/protocol/openid-connect/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        keycloak.start();
        issuer = "http://127.0.0.1:" + keycloak.getAddress().getPort() + "/realms/lgsp";
    }

    @AfterEach
    void stopKeycloak() {
        keycloak.stop(0);
    }

    @Test
    void acceptsATokenSignedByTheRealm() throws Exception {
        var verifier = new KeycloakTokenVerifier(issuer);

        assertThat(verifier.test(token(realmKey, issuer, Duration.ofMinutes(5)))).isTrue();
        assertThat(verifier.test(token(realmKey, issuer, Duration.ofMinutes(5)))).isTrue();
        assertThat(fetches).as("keys are fetched once and kept").hasValue(1);
    }

    @Test
    void refusesATokenSignedWithAnotherKeyUnderTheRealmsKeyId() throws Exception {
        RSAKey impostor = new RSAKey.Builder(strangerKey).keyID(realmKey.getKeyID()).build();

        assertThat(new KeycloakTokenVerifier(issuer).test(token(impostor, issuer, Duration.ofMinutes(5)))).isFalse();
    }

    @Test
    void refusesATokenSignedWithAnUnknownKey() throws Exception {
        assertThat(new KeycloakTokenVerifier(issuer).test(token(strangerKey, issuer, Duration.ofMinutes(5))))
                .isFalse();
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        assertThat(new KeycloakTokenVerifier(issuer).test(token(realmKey, issuer, Duration.ofSeconds(-5)))).isFalse();
    }

    @Test
    void refusesATokenFromAnotherIssuer() throws Exception {
        String otherRealm = issuer.replace("/realms/lgsp", "/realms/other");

        assertThat(new KeycloakTokenVerifier(issuer).test(token(realmKey, otherRealm, Duration.ofMinutes(5))))
                .isFalse();
    }

    @Test
    void refusesWhatIsNotASignedToken() {
        var verifier = new KeycloakTokenVerifier(issuer);

        assertThat(verifier.test(null)).isFalse();
        assertThat(verifier.test("")).isFalse();
        assertThat(verifier.test("not-a-jwt")).isFalse();
    }

    @Test
    void fetchesTheKeysAgainWhenTheRealmRotatedThem() throws Exception {
        var verifier = new KeycloakTokenVerifier(issuer, Duration.ZERO);
        assertThat(verifier.test(token(realmKey, issuer, Duration.ofMinutes(5)))).isTrue();

        published.set(new JWKSet(List.of(rotatedKey.toPublicJWK(), realmKey.toPublicJWK())));

        assertThat(verifier.test(token(rotatedKey, issuer, Duration.ofMinutes(5)))).isTrue();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKeyIdsDoNotHammerKeycloak() throws Exception {
        var verifier = new KeycloakTokenVerifier(issuer);
        assertThat(verifier.test(token(realmKey, issuer, Duration.ofMinutes(5)))).isTrue();

        for (int i = 0; i < 5; i++) {
            assertThat(verifier.test(token(strangerKey, issuer, Duration.ofMinutes(5)))).isFalse();
        }

        assertThat(fetches).hasValue(1);
    }

    @Test
    void unreachableKeycloakMeansNotValid() throws Exception {
        String token = token(realmKey, issuer, Duration.ofMinutes(5));
        keycloak.stop(0);

        assertThat(new KeycloakTokenVerifier(issuer).test(token)).isFalse();
    }

    @Test
    void agencySimulatorAcceptsRecordsOnlyWithRealmTokens() throws Exception {
        var agency = new AgencySystemSimulator(new AgencySystemSimulator.Config("000.00.61.H26", 0,
                new KeycloakTokenVerifier(issuer), (String) null, null, Duration.ofMillis(-1)));
        agency.start();
        try {
            byte[] content = "x".getBytes(StandardCharsets.UTF_8);
            var body = java.util.Map.of("exchangeId", "EX-K", "source", "000.00.12.H26",
                    "destination", "000.00.61.H26", "procedureCode", "1.0", "contentType", "text/plain",
                    "content", TestHttp.base64(content), "sha256", TestHttp.sha256(content));

            var stranger = TestHttp.postJson(agency.baseUrl() + "/records",
                    token(strangerKey, issuer, Duration.ofMinutes(5)), body);
            var realm = TestHttp.postJson(agency.baseUrl() + "/records",
                    token(realmKey, issuer, Duration.ofMinutes(5)), body);

            assertThat(stranger.status()).isEqualTo(401);
            assertThat(realm.status()).isEqualTo(200);
        } finally {
            agency.close();
        }
    }

    private static String token(RSAKey key, String issuer, Duration validFor) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("service-account-lgsp")
                .claim("azp", "lgsp-platform")
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(validFor)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
