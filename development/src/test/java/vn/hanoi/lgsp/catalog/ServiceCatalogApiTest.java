package vn.hanoi.lgsp.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** the service catalog and access grants through the agency API. */
class ServiceCatalogApiTest extends PlatformTest {

    private static final String WARD = "000.00.61.H26";
    private static final String BA_DINH_WARD = "000.00.62.H26";
    private static final String CONSTRUCTION = "000.00.15.H26";

    @Autowired
    AccessGrants grants;

    @Autowired
    JdbcTemplate jdbc;

    String dost;
    String justice;

    @BeforeEach
    void clients() {
        dost = keycloak.operatorToken();
        justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
    }

    @Test
    void anyAgencyFindsServicesByTextProviderAndStatus() {
        Api.Reply byText = api.get("/api/v1/services?q=h%E1%BB%99%20t%E1%BB%8Bch", justice);
        assertThat(byText.status()).isEqualTo(200);
        assertThat(byText.code()).isEqualTo("00");
        assertThat(codes(byText)).contains("hotich-tra-cuu").doesNotContain("ngansach-du-toan");
        JsonNode hotich = service(byText, "hotich-tra-cuu");
        assertThat(hotich.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(hotich.path("versions").get(0).path("version").asText()).isEqualTo("v1");
        assertThat(hotich.path("versions").get(0).path("status").asText()).isEqualTo("PUBLISHED");

        Api.Reply byProvider = api.get("/api/v1/services?provider=000.00.14.H26", justice);
        assertThat(codes(byProvider)).contains("ngansach-du-toan");
        assertThat(byProvider.body().path("services").findValuesAsText("provider")).containsOnly("000.00.14.H26");

        Api.Reply published = api.get("/api/v1/services?status=PUBLISHED", justice);
        assertThat(codes(published)).contains("hotich-tra-cuu").doesNotContain("ngansach-du-toan", "giayphep-xay-dung");

        Api.Reply badStatus = api.get("/api/v1/services?status=LIVE", justice);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.error()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void detailShowsVersionsDocumentsAndWhetherAnOpenApiDocumentExists() {
        Api.Reply reply = api.get("/api/v1/services/hotich-tra-cuu", justice);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo("00");
        JsonNode service = reply.body().path("service");
        assertThat(service.path("provider").asText()).isEqualTo("000.00.13.H26");
        assertThat(service.path("classification").asText()).isEqualTo("PERSONAL_DATA");
        JsonNode v1 = service.path("versions").get(0);
        assertThat(v1.path("hasOpenApi").asBoolean()).isTrue();
        assertThat(v1.path("hasPostmanCollection").asBoolean()).isFalse();
        assertThat(v1.path("publishedAt").asText()).isNotEmpty();
        assertThat(v1.path("documents").get(0).path("url").asText()).startsWith("https://");
    }

    @Test
    void servesTheStoredOpenApiDocumentAndA404EnvelopeWhenThereIsNone() {
        Api.Reply openApi = api.get("/api/v1/services/hotich-tra-cuu/versions/v1/openapi", justice);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(openApi.body().path("openapi").asText()).startsWith("3.");
        assertThat(openApi.body().path("info").path("title").asText()).isEqualTo("Tra cứu thông tin hộ tịch");

        Api.Reply none = api.get("/api/v1/services/ngansach-du-toan/versions/v1/openapi", justice);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.code()).isEqualTo("01");
        assertThat(none.error()).isEqualTo("NOT_FOUND");
    }

    @Test
    void unknownServiceIsNotFound() {
        Api.Reply reply = api.get("/api/v1/services/khong-ton-tai", justice);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("01");
        assertThat(reply.error()).isEqualTo("NOT_FOUND");
        assertThat(reply.message()).contains("khong-ton-tai");
    }

    @Test
    void dostRegistersAServiceAndTakesItThroughTestToPublication() {
        Api.Reply created = register("cpxd-thu-nghiem", CONSTRUCTION);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.code()).isEqualTo("00");
        assertThat(created.body().path("service").path("status").asText()).isEqualTo("DRAFT");
        assertThat(created.body().path("service").path("versions").get(0).path("status").asText()).isEqualTo("DRAFT");

        assertThat(move("cpxd-thu-nghiem", "v1", "TEST").body().path("service").path("status").asText()).isEqualTo("TEST");
        Api.Reply published = move("cpxd-thu-nghiem", "v1", "PUBLISHED");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.code()).isEqualTo("00");
        assertThat(published.body().path("service").path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.body().path("service").path("versions").get(0).path("publishedAt").asText()).isNotEmpty();

        assertThat(codes(api.get("/api/v1/services?q=cpxd-thu&status=PUBLISHED", justice))).containsExactly("cpxd-thu-nghiem");
        assertThat(register("cpxd-thu-nghiem", CONSTRUCTION).error()).isEqualTo("DUPLICATE");
    }

    @Test
    void publishingV2DeprecatesV1WithASunsetAtLeast180DaysLater() {
        publishedService("upgrade-thu-nghiem");
        Api.Reply added = api.postJson("/api/v1/services/upgrade-thu-nghiem/versions", dost,
                Map.of("version", "v2", "baseUrl", "https://upgrade.example.gov.vn/api/v2"));
        assertThat(added.status()).isEqualTo(201);
        move("upgrade-thu-nghiem", "v2", "TEST");

        JsonNode service = move("upgrade-thu-nghiem", "v2", "PUBLISHED").body().path("service");

        JsonNode v1 = version(service, "v1");
        JsonNode v2 = version(service, "v2");
        assertThat(v1.path("status").asText()).isEqualTo("DEPRECATED");
        assertThat(v2.path("status").asText()).isEqualTo("PUBLISHED");
        Instant published = Instant.parse(v2.path("publishedAt").asText());
        assertThat(Instant.parse(v1.path("sunsetAt").asText())).isAfterOrEqualTo(published.plus(Duration.ofDays(180)));
        assertThat(service.path("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void skippingAStageOrGoingBackIsRefusedWith01() {
        register("skip-thu-nghiem", CONSTRUCTION);

        Api.Reply skip = move("skip-thu-nghiem", "v1", "PUBLISHED");
        assertThat(skip.status()).isEqualTo(400);
        assertThat(skip.code()).isEqualTo("01");
        assertThat(skip.error()).isEqualTo("VALIDATION_FAILED");
        assertThat(skip.message()).contains("DRAFT").contains("next stage is TEST");

        move("skip-thu-nghiem", "v1", "TEST");
        Api.Reply back = move("skip-thu-nghiem", "v1", "DRAFT");
        assertThat(back.code()).isEqualTo("01");
        assertThat(back.message()).contains("cannot go back");
    }

    @Test
    void onlyDostOperatorsChangeTheCatalogAndGrants() {
        Api.Reply register = api.postJson("/api/v1/services", justice, Map.of("code", "cam-thu-nghiem", "name", "x",
                "provider", "000.00.13.H26", "classification", "PUBLIC", "baseUrl", "https://x.gov.vn"));
        assertThat(register.status()).isEqualTo(403);
        assertThat(register.code()).isEqualTo("01");
        assertThat(register.error()).isEqualTo("FORBIDDEN");

        assertThat(move(justice, "hotich-tra-cuu", "v1", "DEPRECATED").status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/grants", justice, Map.of("consumer", "000.00.13.H26",
                "service", "hotich-tra-cuu", "version", "v1", "environment", "PRODUCTION")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/grants?consumer=" + WARD, justice).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/services/hotich-tra-cuu", justice).status()).isEqualTo(200);
    }

    /** A provider moving its system: a DOST operator's change, never the provider's own token's. */
    @Test
    void onlyADostOperatorRelocatesAVersionAndTheAddressIsChecked() {
        register("doi-dia-chi-thu-nghiem", CONSTRUCTION);
        String path = "/api/v1/services/doi-dia-chi-thu-nghiem/versions/v1/base-url";

        Api.Reply byProvider = api.put(path, justice, Map.of("baseUrl", "https://elsewhere.example.gov.vn/api"));
        assertThat(byProvider.status()).isEqualTo(403);
        assertThat(byProvider.error()).isEqualTo("FORBIDDEN");
        Api.Reply notAUrl = api.put(path, dost, Map.of("baseUrl", "javascript:alert(1)"));
        assertThat(notAUrl.status()).isEqualTo(400);
        assertThat(notAUrl.code()).isEqualTo("01");
        assertThat(notAUrl.message()).contains("baseUrl");
        assertThat(api.put(path, dost, Map.of()).code()).isEqualTo("01");
        assertThat(api.put("/api/v1/services/doi-dia-chi-thu-nghiem/versions/v9/base-url", dost,
                Map.of("baseUrl", "https://x.example.gov.vn")).status()).isEqualTo(404);

        Api.Reply moved = api.put(path, dost, Map.of("baseUrl", " https://moi.example.gov.vn/api/v1 "));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(version(moved.body().path("service"), "v1").path("baseUrl").asText())
                .isEqualTo("https://moi.example.gov.vn/api/v1");
        assertThat(version(api.get("/api/v1/services/doi-dia-chi-thu-nghiem", justice).body().path("service"), "v1")
                .path("baseUrl").asText()).isEqualTo("https://moi.example.gov.vn/api/v1");
        // the journal keeps who moved it, from where and to where
        String supervisor = keycloak.staffToken("supervisor");
        JsonNode[] entry = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            entry[0] = api.get("/api/v1/audit/entries?action=catalog.version.relocated&target=doi-dia-chi-thu-nghiem/v1",
                    supervisor).body().path("entries").path(0);
            return !entry[0].isMissingNode();
        });
        assertThat(entry[0].path("actor").asText()).isNotBlank();
        assertThat(entry[0].path("details").path("old").asText()).startsWith("https://doi-dia-chi-thu-nghiem.example.gov.vn");
        assertThat(entry[0].path("details").path("new").asText()).isEqualTo("https://moi.example.gov.vn/api/v1");
    }

    @Test
    void unknownOrClosedProviderIsAnUnknownAgency() {
        Api.Reply closed = register("dong-thu-nghiem", "000.00.30.H26");
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.error()).isEqualTo("UNKNOWN_AGENCY");
        assertThat(closed.message()).contains("closed");

        assertThat(register("la-thu-nghiem", "000.00.99.H26").error()).isEqualTo("UNKNOWN_AGENCY");
    }

    @Test
    void demoWardHoldsAProductionGrantToTheCivilStatusService() {
        Api.Reply reply = api.get("/api/v1/grants?consumer=" + WARD, dost);

        assertThat(reply.code()).isEqualTo("00");
        assertThat(reply.body().path("grants")).anySatisfy(g -> {
            assertThat(g.path("service").asText()).isEqualTo("hotich-tra-cuu");
            assertThat(g.path("environment").asText()).isEqualTo("PRODUCTION");
            assertThat(g.path("active").asBoolean()).isTrue();
        });
        assertThat(grants.active(WARD, "hotich-tra-cuu", "v1", AccessGrant.Environment.PRODUCTION)).isTrue();
    }

    @Test
    void grantsAreIssuedCheckedAndRevoked() {
        publishedService("grant-thu-nghiem");

        Api.Reply issued = grant(BA_DINH_WARD, "grant-thu-nghiem", "v1", "PRODUCTION");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.code()).isEqualTo("00");
        long id = issued.body().path("grant").path("id").asLong();
        assertThat(grants.active(BA_DINH_WARD, "grant-thu-nghiem", "v1", AccessGrant.Environment.PRODUCTION)).isTrue();
        assertThat(grants.active(BA_DINH_WARD, "grant-thu-nghiem", "v1", AccessGrant.Environment.TEST)).isFalse();

        Api.Reply again = grant(BA_DINH_WARD, "grant-thu-nghiem", "v1", "PRODUCTION");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("DUPLICATE");

        Api.Reply revoked = api.method("DELETE", "/api/v1/grants/" + id + "?reason=stopped", dost);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.code()).isEqualTo("00");
        assertThat(revoked.body().path("grant").path("active").asBoolean()).isFalse();
        assertThat(revoked.body().path("grant").path("reason").asText()).isEqualTo("stopped");
        assertThat(grants.active(BA_DINH_WARD, "grant-thu-nghiem", "v1", AccessGrant.Environment.PRODUCTION)).isFalse();

        assertThat(grant(BA_DINH_WARD, "grant-thu-nghiem", "v1", "PRODUCTION").status())
                .as("a revoked grant can be issued anew").isEqualTo(201);
        assertThat(api.method("DELETE", "/api/v1/grants/999999999", dost).error()).isEqualTo("NOT_FOUND");
    }

    @Test
    void grantsFollowTheVersionsStageAndTheConsumersStanding() {
        register("stage-thu-nghiem", CONSTRUCTION);

        Api.Reply draft = grant(BA_DINH_WARD, "stage-thu-nghiem", "v1", "TEST");
        assertThat(draft.status()).isEqualTo(400);
        assertThat(draft.message()).contains("DRAFT");

        move("stage-thu-nghiem", "v1", "TEST");
        assertThat(grant(BA_DINH_WARD, "stage-thu-nghiem", "v1", "TEST").status()).isEqualTo(201);
        Api.Reply production = grant(BA_DINH_WARD, "stage-thu-nghiem", "v1", "PRODUCTION");
        assertThat(production.status()).isEqualTo(400);
        assertThat(production.message()).contains("PUBLISHED");

        assertThat(grant("000.00.30.H26", "stage-thu-nghiem", "v1", "TEST").error()).isEqualTo("UNKNOWN_AGENCY");
        assertThat(grant(BA_DINH_WARD, "khong-ton-tai", "v1", "TEST").error()).isEqualTo("NOT_FOUND");
    }

    @Test
    void retiringBeforeTheSunsetIsRefused() {
        publishedService("sunset-thu-nghiem");
        move("sunset-thu-nghiem", "v1", "DEPRECATED");

        Api.Reply early = move("sunset-thu-nghiem", "v1", "RETIRED");

        assertThat(early.status()).isEqualTo(400);
        assertThat(early.code()).isEqualTo("01");
        assertThat(early.message()).contains("sunset");
        assertThat(api.get("/api/v1/services/sunset-thu-nghiem", dost).body().path("service").path("status").asText())
                .isEqualTo("DEPRECATED");
    }

    @Test
    void retiringAfterTheSunsetRevokesEveryGrantOfTheVersion() {
        publishedService("retire-thu-nghiem");
        grant(BA_DINH_WARD, "retire-thu-nghiem", "v1", "PRODUCTION");
        grant(WARD, "retire-thu-nghiem", "v1", "TEST");
        move("retire-thu-nghiem", "v1", "DEPRECATED");
        // the 60 days' notice has passed
        jdbc.update("""
                update lgsp.service_version set deprecated_at = now() - interval '61 days', sunset_at = now() - interval '1 day'
                where service_code = 'retire-thu-nghiem' and version = 'v1'""");

        Api.Reply retired = move("retire-thu-nghiem", "v1", "RETIRED");

        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.body().path("service").path("status").asText()).isEqualTo("RETIRED");
        assertThat(grants.active(BA_DINH_WARD, "retire-thu-nghiem", "v1", AccessGrant.Environment.PRODUCTION)).isFalse();
        assertThat(grants.active(WARD, "retire-thu-nghiem", "v1", AccessGrant.Environment.TEST)).isFalse();
        assertThat(grants.list(BA_DINH_WARD)).filteredOn(g -> g.service().equals("retire-thu-nghiem"))
                .singleElement().extracting(AccessGrant::reason).isEqualTo(AccessGrants.RETIRED_REASON);
    }

    private Api.Reply register(String code, String provider) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Dịch vụ thử nghiệm " + code);
        body.put("description", "Dịch vụ dùng cho kiểm thử");
        body.put("provider", provider);
        body.put("classification", "PUBLIC");
        body.put("baseUrl", "https://" + code + ".example.gov.vn/api/v1");
        body.put("documents", List.of(Map.of("title", "Hướng dẫn", "url", "https://lgsp.example.gov.vn/" + code)));
        return api.postJson("/api/v1/services", dost, body);
    }

    private void publishedService(String code) {
        assertThat(register(code, CONSTRUCTION).status()).isEqualTo(201);
        assertThat(move(code, "v1", "TEST").status()).isEqualTo(200);
        assertThat(move(code, "v1", "PUBLISHED").status()).isEqualTo(200);
    }

    private Api.Reply move(String code, String version, String status) {
        return move(dost, code, version, status);
    }

    private Api.Reply move(String token, String code, String version, String status) {
        return api.postJson("/api/v1/services/" + code + "/versions/" + version + "/status", token, Map.of("status", status));
    }

    private Api.Reply grant(String consumer, String service, String version, String environment) {
        return api.postJson("/api/v1/grants", dost, Map.of("consumer", consumer, "service", service, "version", version,
                "environment", environment));
    }

    private static List<String> codes(Api.Reply reply) {
        return reply.body().path("services").findValuesAsText("code");
    }

    private static JsonNode service(Api.Reply reply, String code) {
        for (JsonNode s : reply.body().path("services")) {
            if (s.path("code").asText().equals(code)) {
                return s;
            }
        }
        throw new AssertionError("no service " + code + " in " + reply.body());
    }

    private static JsonNode version(JsonNode service, String version) {
        for (JsonNode v : service.path("versions")) {
            if (v.path("version").asText().equals(version)) {
                return v;
            }
        }
        throw new AssertionError("no version " + version + " in " + service);
    }
}
