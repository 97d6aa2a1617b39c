package vn.hanoi.lgsp.agency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** the agency registry and the shared category lists through the API. */
class AgencyRegistryApiTest extends PlatformTest {

    String dost;

    @BeforeEach
    void clients() {
        dost = keycloak.operatorToken();
    }

    @Test
    void rejectsAgencyWithMalformedCodeSayingWhy() {
        Api.Reply reply = api.postJson("/api/v1/agencies", dost, Map.of("code", "000.00.40.HN", "name", "Sở thử nghiệm"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("01");
        assertThat(reply.error()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.message()).contains("000.00.40.HN").contains("level-1 group");
        assertThat(reply.body().path("details").get(0).path("field").asText()).isEqualTo("code");
        assertThat(api.get("/api/v1/agencies/000.00.40.HN", dost).status()).isEqualTo(404);
    }

    @Test
    void registersAgencyUnderItsParentAndRefusesItTwice() {
        Api.Reply created = api.postJson("/api/v1/agencies", dost, Map.of("code", "000.00.41.H26", "name", "Sở Nội vụ"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.code()).isEqualTo("00");
        assertThat(created.body().path("agency").path("parentCode").asText()).isEqualTo("000.00.00.H26");
        assertThat(created.body().path("agency").path("level").asInt()).isEqualTo(2);

        Api.Reply again = api.postJson("/api/v1/agencies", dost, Map.of("code", "000.00.41.H26", "name", "Sở Nội vụ"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("DUPLICATE");
    }

    @Test
    void refusesAgencyWhoseParentIsNotRegistered() {
        Api.Reply reply = api.postJson("/api/v1/agencies", dost, Map.of("code", "000.07.77.H26", "name", "Phòng thử"));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("UNKNOWN_AGENCY");
        assertThat(reply.message()).contains("000.00.77.H26");
    }

    @Test
    void mergedAgencyKeepsItsHistoryAndNamesItsSuccessor() {
        api.postJson("/api/v1/agencies", dost, Map.of("code", "000.00.42.H26", "name", "UBND phường A", "validFrom", "2024-01-01"));
        api.postJson("/api/v1/agencies", dost, Map.of("code", "000.00.43.H26", "name", "UBND phường B", "validFrom", "2024-01-01"));

        Api.Reply closed = api.postJson("/api/v1/agencies/000.00.42.H26/closure", dost,
                Map.of("effective", "2025-07-01", "reason", "MERGED", "successors", List.of("000.00.43.H26")));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().path("agency").path("status").asText()).isEqualTo("CLOSED");

        JsonNode successor = api.get("/api/v1/agencies/000.00.43.H26", dost).body().path("agency");
        assertThat(successor.path("predecessors").get(0).asText()).isEqualTo("000.00.42.H26");
        // the closed body is gone from today's list but still there on a day before the merger
        assertThat(codes(api.get("/api/v1/categories/agencies", dost))).doesNotContain("000.00.42.H26");
        assertThat(codes(api.get("/api/v1/categories/agencies?at=2025-06-30", dost))).contains("000.00.42.H26");
    }

    @Test
    void categoryListsHaveMetadataAndEntries() {
        Api.Reply lists = api.get("/api/v1/categories", dost);
        assertThat(lists.body().path("lists").findValuesAsText("name")).contains("agencies", "administrative-units");

        Api.Reply fields = api.get("/api/v1/categories/agencies/metadata", dost);
        assertThat(fields.body().path("fields").findValuesAsText("name")).contains("code", "validFrom", "successors");

        Api.Reply units = api.get("/api/v1/categories/administrative-units?parent=01", dost);
        assertThat(units.code()).isEqualTo("00");
        assertThat(units.body().path("entries").findValuesAsText("name")).contains("Phường Hoàn Kiếm");
    }

    private static List<String> codes(Api.Reply reply) {
        return reply.body().path("entries").findValuesAsText("code");
    }
}
