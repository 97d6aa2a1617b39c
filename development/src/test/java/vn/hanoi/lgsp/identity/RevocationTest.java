package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** A revoked client's tokens stop working within seconds, not at their expiry (minutes later). */
class RevocationTest extends PlatformTest {

    @Autowired
    KeycloakAdmin keycloakAdmin;

    @Test
    void aDeletedClientsTokenIsRefusedWithinSeconds() {
        String clientId = "revoke-test-" + UUID.randomUUID().toString().substring(0, 8);
        KeycloakAdmin.AgencyCredentials credentials = keycloakAdmin.provisionAgencyClient(clientId, "Thử thu hồi",
                "000.00.61.H26", "production");
        String token = keycloak.clientToken(credentials.clientId(), credentials.clientSecret());
        assertThat(api.get("/api/v1/categories", token).status()).isEqualTo(200);

        keycloakAdmin.deleteClient(clientId);

        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/categories", token).status() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(api.get("/api/v1/categories", token).error()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.get("/api/v1/categories", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM))
                .status()).as("other clients are untouched").isEqualTo(200);
    }
}
