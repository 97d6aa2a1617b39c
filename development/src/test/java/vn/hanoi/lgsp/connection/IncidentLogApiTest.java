package vn.hanoi.lgsp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * The incident log is readable (Đ12.5, R-18): supervisors and DOST read every agency's incidents
 * with their log; an agency's system and staff read only their own agency's, and another
 * agency's incident is not found for them.
 */
class IncidentLogApiTest extends PlatformTest {

    static final String AGENCY = "000.00.30.H26";
    static final String WARD = "000.00.61.H26";

    @Autowired
    Incidents incidents;

    @AfterEach
    void resolve() {
        incidents.resolve(AGENCY, "test", "test over");
    }

    @Test
    void anAgencyReadsItsIncidentsLogWithoutWhomDostMailed() {
        assertThat(IncidentLogController.withoutAddresses("notified [operator@lgsp.hanoi.demo, ky-thuat@stp.hanoi.gov.vn]"))
                .isEqualTo("notified [(địa chỉ thư), (địa chỉ thư)]");
        assertThat(IncidentLogController.withoutAddresses("assessed HIGH")).isEqualTo("assessed HIGH");
    }

    @Test
    void supervisorsReadEveryIncidentWithItsLogAndAnAgencyOnlyItsOwn() {
        incidents.resolve(AGENCY, "test", "earlier run");
        String operator = keycloak.staffToken("operator");
        String detail = "Cổng kết nối trả lỗi 502 " + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply raised = api.postJson("/api/v1/incidents", operator, Map.of("agencyCode", AGENCY, "detail", detail));
        assertThat(raised.status()).as(raised.body().toString()).isEqualTo(201);
        String id = raised.body().path("incident").path("id").asText();

        String supervisor = keycloak.staffToken("supervisor");
        Api.Reply list = api.get("/api/v1/monitoring/incidents?agencyCode=" + AGENCY + "&status=OPEN", supervisor);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("incidents").findValuesAsText("id")).contains(id);
        Api.Reply one = api.get("/api/v1/monitoring/incidents/" + id, supervisor);
        assertThat(one.status()).isEqualTo(200);
        JsonNode incident = one.body().path("incident");
        assertThat(incident.path("detail").asText()).isEqualTo(detail);
        assertThat(incident.path("kind").asText()).isEqualTo("STAFF");
        assertThat(one.body().path("log").findValuesAsText("action")).anyMatch(a -> a.startsWith("opened: " + detail));
        assertThat(one.body().path("log").findValuesAsText("actor")).contains("operator");

        // the ward's system: its own agency only; another agency's incident is unknown to it
        String ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD));
        Api.Reply wardList = api.get("/api/v1/monitoring/incidents", ward);
        assertThat(wardList.status()).isEqualTo(200);
        assertThat(wardList.body().path("incidents").findValuesAsText("agencyCode")).allMatch(WARD::equals);
        assertThat(wardList.body().path("incidents").findValuesAsText("id")).doesNotContain(id);
        assertThat(api.get("/api/v1/monitoring/incidents?agencyCode=" + AGENCY, ward).status()).isEqualTo(403);
        Api.Reply hidden = api.get("/api/v1/monitoring/incidents/" + id, ward);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body().toString()).doesNotContain(detail);

        // another agency's staff member likewise; a bad filter is a clear refusal
        String staff = keycloak.staffToken("staff.stp");
        assertThat(api.get("/api/v1/monitoring/incidents/" + id, staff).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/monitoring/incidents?status=CLOSED", supervisor).error()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/monitoring/incidents/not-a-uuid", supervisor).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/monitoring/incidents", null).status()).isEqualTo(401);
    }
}
