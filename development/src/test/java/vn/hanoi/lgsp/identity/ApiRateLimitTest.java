package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** one client cannot flood the agency API; the test configuration gives rate-test-system 5 calls per 2 s. */
class ApiRateLimitTest extends PlatformTest {

    @Autowired
    KeycloakAdmin keycloakAdmin;

    @Test
    void aClientOverItsLimitGets429UntilTheWindowEnds() {
        KeycloakAdmin.AgencyCredentials credentials = keycloakAdmin.provisionAgencyClient("rate-test-system",
                "Thử giới hạn", "000.00.61.H26", "production");
        String token = keycloak.clientToken(credentials.clientId(), credentials.clientSecret());
        String other = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/categories", token).status() == 429);
        Api.Reply limited = api.get("/api/v1/categories", token);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("RATE_LIMITED");
        assertThat(limited.code()).isEqualTo("01");
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(api.get("/api/v1/categories", other).status()).as("other clients are not held back").isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/v1/categories", token).status() == 200);
    }
}
