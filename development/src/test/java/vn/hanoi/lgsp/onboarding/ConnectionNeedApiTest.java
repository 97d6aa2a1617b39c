package vn.hanoi.lgsp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** Who may record and read an agency's connection needs (Đ16.3, Đ16.5): the agency itself and DOST, nobody else. */
class ConnectionNeedApiTest extends PlatformTest {

    private static final String WARD = "000.00.62.H26";

    @Test
    void anAgencyRecordsAndReadsItsOwnNeedsOnly() {
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        String justiceCode = Keycloak.JUSTICE_SYSTEM.agencyCode();
        Map<String, Object> need = Map.of("kind", "CONNECT", "identifiedOn", LocalDate.now().toString(),
                "description", "Khai thác dữ liệu đăng ký doanh nghiệp");

        Api.Reply own = api.postJson("/api/v1/agencies/" + justiceCode + "/connection-needs", justice, need);
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.body().path("need").path("dueOn").asText()).isNotBlank();
        assertThat(api.get("/api/v1/agencies/" + justiceCode + "/connection-needs", justice).body().path("needs").size())
                .isGreaterThanOrEqualTo(1);

        assertThat(api.postJson("/api/v1/agencies/" + WARD + "/connection-needs", justice, need).status())
                .as("for another agency").isEqualTo(403);
        assertThat(api.get("/api/v1/agencies/" + WARD + "/connection-needs", justice).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/agencies/" + WARD + "/cancellation", justice, Map.of("reason", "giả danh")).status())
                .as("cancelling another agency's connection").isEqualTo(403);
        assertThat(api.get("/api/v1/agencies/" + justiceCode + "/connection-needs", null).status()).isEqualTo(401);

        Api.Reply byDost = api.postJson("/api/v1/agencies/" + WARD + "/connection-needs", keycloak.operatorToken(), need);
        assertThat(byDost.status()).isEqualTo(201);
        Api.Reply badKind = api.postJson("/api/v1/agencies/" + WARD + "/connection-needs", keycloak.operatorToken(),
                Map.of("kind", "MAYBE", "identifiedOn", LocalDate.now().toString(), "description", "x"));
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.code()).isEqualTo("01");
    }
}
