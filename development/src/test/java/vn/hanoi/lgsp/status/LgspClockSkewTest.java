package vn.hanoi.lgsp.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * Đ7.4: the LGSP's level-2 status reports its own clock against NDXP's, read from the time in
 * NDXP's status answer; the test configuration measures again every second.
 */
class LgspClockSkewTest extends PlatformTest {

    @Autowired
    Simulators simulators;

    @AfterEach
    void ndxpClockBack() {
        simulators.ndxp().behaviour().setClockOffset(Duration.ZERO);
    }

    @Test
    void levelTwoStatusReportsTheLgspsClockAgainstNdxp() {
        String token = keycloak.clientToken(Keycloak.DOST_SYSTEM);

        // a measurement is reported for a second before the next: an earlier one may still be shown
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.get("/api/v1/status/services", token).body().path("clockSkewMs").isIntegralNumber());
        Api.Reply inSync = api.get("/api/v1/status/services", token);
        assertThat(inSync.body().path("clockReference").asText()).isEqualTo("NDXP");
        assertThat(inSync.body().path("clockSkewMs").isIntegralNumber()).as(inSync.body().toString()).isTrue();
        assertThat(Math.abs(inSync.body().path("clockSkewMs").asLong())).isLessThan(1_000L);

        // NDXP 5 s ahead: the LGSP is 5 s behind it
        simulators.ndxp().behaviour().setClockOffset(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long skew = api.get("/api/v1/status/services", token).body().path("clockSkewMs").asLong(0);
            return skew <= -4_000 && skew >= -6_000;
        });
    }

    @Test
    void theSkewIsNullWhenNdxpGivesNoReadableTime() {
        String token = keycloak.clientToken(Keycloak.DOST_SYSTEM);
        simulators.ndxp().behaviour().setMalformed(true);
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Api.Reply reply = api.get("/api/v1/status/services", token);
                return reply.body().has("clockSkewMs") && reply.body().path("clockSkewMs").isNull()
                        && "NDXP".equals(reply.body().path("clockReference").asText());
            });
        } finally {
            simulators.ndxp().behaviour().setMalformed(false);
        }
    }
}
