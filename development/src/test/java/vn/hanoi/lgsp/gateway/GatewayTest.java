package vn.hanoi.lgsp.gateway;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.simulators.KeycloakTokenVerifier;
import vn.hanoi.lgsp.simulators.NationalServices;
import vn.hanoi.lgsp.simulators.ServiceProviderSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * The data-sharing gateway against the real stack (R-07, R-10, R-20): Keycloak tokens, grants
 * and quotas in PostgreSQL, monitoring in Elasticsearch, providers and NDXP simulated.
 */
class GatewayTest extends PlatformTest {

    static final String WARD = "000.00.61.H26";
    static final String JUSTICE = "000.00.13.H26";
    static final Keycloak.Client WARD_SYSTEM = new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD);
    static final String CITIZEN = "001090000001";
    static final String PURPOSE = "Giải quyết thủ tục đăng ký kết hôn";
    /** Header values are ASCII: Vietnamese text travels percent-encoded as UTF-8. */
    static final Map<String, String> PERSONAL = Map.of(
            "X-LGSP-Purpose", java.net.URLEncoder.encode(PURPOSE, StandardCharsets.UTF_8).replace("+", "%20"),
            "X-LGSP-Officer", "canbo.hoankiem");

    @Value("${logging.file.name}")
    String platformLog;
    @Autowired
    Simulators simulators;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    AccessGrants grants;
    @Autowired
    GatewayPolicies policies;
    @Autowired
    KeycloakAdmin keycloakAdmin;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RestClient elasticsearch;

    String ward;
    String justice;
    ServiceProviderSimulator production;
    ServiceProviderSimulator testEnvironment;

    @BeforeEach
    void clients() {
        ward = keycloak.clientToken(WARD_SYSTEM);
        justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        String issuer = keycloakUrl + "/realms/lgsp";
        production = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                new KeycloakTokenVerifier(issuer, JUSTICE), 16));
        production.start();
        // the provider's test system accepts only tokens meant for its test environment
        testEnvironment = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                new KeycloakTokenVerifier(issuer, JUSTICE + "-test"), 16));
        testEnvironment.start();
    }

    @AfterEach
    void stop() {
        production.close();
        testEnvironment.close();
    }

    @Test
    void grantedConsumerGetsTheProvidersAnswerUnchanged() {
        Api.Reply through = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh?soDinhDanh=" + CITIZEN, ward,
                PERSONAL, null);

        assertThat(through.status()).isEqualTo(200);
        assertThat(through.body().path("khaiSinh").path("hoTen").asText()).isEqualTo("Nguyễn Văn An");
        String direct = directFromProvider(simulators.civilStatusProvider().baseUrl() + "/khai-sinh?soDinhDanh=" + CITIZEN);
        assertThat(through.raw().body()).isEqualTo(direct);
        assertThat(through.transactionId()).isNotBlank();
    }

    @Test
    void forwardsTheLgspsOwnIdentityAndNeverTheConsumersCredentials() {
        String service = newService("gw-echo", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");

        Api.Reply reply = api.call("POST", "/api/v1/gateway/" + service + "/v1/echo/a/b?x=1", ward,
                Map.of("Cookie", "session=consumer-secret", "Content-Type", "application/json",
                        "X-Forwarded-For", "10.1.2.3", "X-Custom", "kept"), "{\"a\":1}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode headers = reply.body().path("headers");
        // the provider only accepts tokens whose audience is its own agency code: the consumer's would be refused
        assertThat(headers.path("authorization").asText()).isEqualTo("present");
        assertThat(headers.has("cookie")).isFalse();
        assertThat(headers.has("x-forwarded-for")).isFalse();
        assertThat(headers.path("x-custom").asText()).isEqualTo("kept");
        assertThat(headers.path("x-lgsp-consumer").asText()).isEqualTo(WARD);
        assertThat(headers.path("x-lgsp-transaction-id").asText()).isEqualTo(reply.transactionId());
        assertThat(reply.body().path("path").asText()).isEqualTo("/echo/a/b");
        assertThat(reply.body().path("query").asText()).isEqualTo("x=1");
        assertThat(reply.body().path("bodyBytes").asInt()).isEqualTo(7);
    }

    @Test
    void refusesConsumersWithoutAGrant() {
        Api.Reply reply = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh?soDinhDanh=" + CITIZEN, justice,
                PERSONAL, null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("01");
        assertThat(reply.error()).isEqualTo("NOT_GRANTED");
        assertThat(reply.transactionId()).isNotBlank();
    }

    @Test
    void refusesCallsWithoutAValidToken() {
        Api.Reply none = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh", null, Map.of(), null);
        Api.Reply forged = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh", ward.substring(0,
                ward.lastIndexOf('.') + 1) + "c2lnbmF0dXJl", Map.of(), null);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).isEqualTo("UNAUTHENTICATED");
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void testCredentialsReachOnlyTheTestUpstreamAndProductionOnlyProduction() {
        String service = newService("gw-moi-truong", DataClassification.PUBLIC);
        policies.save(service, "v1", new GatewayPolicies.PolicyInput("DIRECT", null, testEnvironment.baseUrl(), false,
                null, null, null, null), "test");
        grants.grant(WARD, service, "v1", AccessGrant.Environment.TEST, "test");
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        String testToken = testCredential(WARD);

        Api.Reply viaTest = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo/env", testToken, Map.of(), null);
        Api.Reply viaProduction = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo/env", ward, Map.of(), null);

        assertThat(viaTest.status()).isEqualTo(200);
        assertThat(viaProduction.status()).isEqualTo(200);
        assertThat(testEnvironment.calls("/echo/env")).isEqualTo(1);
        assertThat(production.calls("/echo/env")).isEqualTo(1);

        // a TEST credential has no way to the production upstream: with only a production grant it is refused
        String productionOnly = newService("gw-chi-chinh-thuc", DataClassification.PUBLIC);
        policies.save(productionOnly, "v1", new GatewayPolicies.PolicyInput("DIRECT", null, testEnvironment.baseUrl(),
                false, null, null, null, null), "test");
        grants.grant(WARD, productionOnly, "v1", AccessGrant.Environment.PRODUCTION, "test");
        Api.Reply refused = api.call("GET", "/api/v1/gateway/" + productionOnly + "/v1/echo/env", testToken, Map.of(),
                null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("01");
        assertThat(testEnvironment.calls("/echo/env")).isEqualTo(1);
    }

    @Test
    void testCredentialsNeverTouchProductionRecordsInboxesOrCredentials() {
        String testToken = testCredential(WARD);

        Api.Reply exchange = api.post("/api/v1/exchanges", testToken, Map.of("procedureCode", "1.000001.000.00.00.H26",
                "destination", JUSTICE), "key-" + UUID.randomUUID());
        Api.Reply inbox = api.get("/api/v1/inbox", testToken);
        Api.Reply maintenance = api.postJson("/api/v1/maintenance", testToken, Map.of("agencyCode", WARD));

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.error()).isEqualTo("FORBIDDEN");
        assertThat(inbox.status()).isEqualTo(403);
        assertThat(maintenance.status()).isEqualTo(403);
        // the handler mapping decodes %73 to "s": the filter must see the same path
        assertThat(api.get("/api/v1/registrations/" + UUID.randomUUID() + "/credential%73?environment=PRODUCTION",
                testToken).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/registrations/" + UUID.randomUUID() + "/provider-decision", testToken,
                Map.of("permit", true)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/categories", testToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/services/hotich-tra-cuu", testToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/inbox", ward).status()).as("the production credential still works").isEqualTo(200);
    }

    @Test
    void deprecatedVersionsAnnounceTheirSunsetAndRetiredOnesAreGone() {
        String service = newService("gw-phien-ban", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        catalog.addVersion(service, new ServiceCatalog.NewVersion("v2", production.baseUrl(), null, null, null, null), "test");
        catalog.moveVersion(service, "v2", VersionStatus.TEST, "test");
        catalog.moveVersion(service, "v2", VersionStatus.PUBLISHED, "test");

        Api.Reply deprecated = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null);
        assertThat(deprecated.status()).isEqualTo(200);
        assertThat(deprecated.raw().headers().firstValue("Deprecation")).hasValueSatisfying(v -> assertThat(v).startsWith("@"));
        assertThat(deprecated.raw().headers().firstValue("Sunset")).isPresent();
        assertThat(deprecated.raw().headers().firstValue("Link"))
                .hasValue("</api/v1/gateway/" + service + "/v2>; rel=\"successor-version\"");

        jdbc.update("update lgsp.service_version set deprecated_at = now() - interval '200 days', "
                + "sunset_at = now() - interval '20 days' where service_code = ? and version = 'v1'", service);
        catalog.moveVersion(service, "v1", VersionStatus.RETIRED, "test");
        Api.Reply retired = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null);
        assertThat(retired.status()).isEqualTo(410);
        assertThat(retired.code()).isEqualTo("01");
        assertThat(retired.error()).isEqualTo("RETIRED");
        assertThat(retired.message()).contains("v2");
    }

    @Test
    void draftAndUnknownVersionsAreNotFoundAndMalformedPathsAreRefused() {
        assertThat(api.call("GET", "/api/v1/gateway/ngansach-du-toan/v1/x", ward, Map.of(), null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v9/x", ward, Map.of(), null).status()).isEqualTo(404);
        Api.Reply upper = api.call("GET", "/api/v1/gateway/HOTICH/v1/x", ward, Map.of(), null);
        assertThat(upper.status()).isEqualTo(400);
        assertThat(upper.error()).isEqualTo("VALIDATION_FAILED");
        Api.Reply semicolon = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh;x=1", ward, PERSONAL, null);
        assertThat(semicolon.status()).isEqualTo(400);
    }

    @Test
    void quotaRunsOutThenComesBackAfterTheWindow() {
        String service = newService("gw-han-muc", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test", 3);

        for (int i = 0; i < 3; i++) {
            assertThat(api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null).status()).isEqualTo(200);
        }
        Api.Reply over = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.error()).isEqualTo("RATE_LIMITED");
        assertThat(over.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(production.calls("/echo")).isEqualTo(3);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(() ->
                api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null).status() == 200);
    }

    @Test
    void providerDownOpensTheCircuitAndItClosesWhenTheProviderIsBack() {
        String service = newService("gw-ngat-mach", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        assertThat(call(service)).isEqualTo(200);
        production.stop();

        for (int i = 0; i < 3; i++) {
            assertThat(call(service)).isEqualTo(503);
        }
        production.start();
        Api.Reply held = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null);
        assertThat(held.status()).isEqualTo(503);
        assertThat(held.message()).contains("circuit open");
        assertThat(production.calls("/echo")).as("no call reaches the provider while the circuit is open").isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> call(service) == 200);
        assertThat(call(service)).isEqualTo(200);
    }

    @Test
    void slowProviderTimesOut() {
        String service = newService("gw-cham", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        production.behaviour().setLatency(Duration.ofSeconds(3));

        Api.Reply slow = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null);

        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.error()).isEqualTo("UPSTREAM_TIMEOUT");
    }

    @Test
    void bodiesOverTheLimitAreRefused() {
        String service = newService("gw-kich-thuoc", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");

        Api.Reply large = api.call("POST", "/api/v1/gateway/" + service + "/v1/echo", ward,
                Map.of("Content-Type", "application/json"), "\"" + "x".repeat(70 * 1024) + "\"");

        assertThat(large.status()).isEqualTo(413);
        assertThat(large.error()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(production.calls("/echo")).isZero();
    }

    @Test
    void personalDataNeedsAPurposeAndAnOfficer() {
        Api.Reply bare = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh?soDinhDanh=" + CITIZEN, ward,
                Map.of(), null);

        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.error()).isEqualTo("VALIDATION_FAILED");
        assertThat(bare.message()).contains("X-LGSP-Purpose").contains("X-LGSP-Officer");
    }

    @Test
    void invalidCallsAgainstTheOpenApiDocumentNeverReachTheProvider() {
        int before = simulators.civilStatusProvider().calls("/khai-sinh");

        Api.Reply invalid = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh?soDinhDanh=12345", ward,
                PERSONAL, null);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.message()).contains("soDinhDanh");
        assertThat(simulators.civilStatusProvider().calls("/khai-sinh")).isEqualTo(before);
    }

    @Test
    void theFourNationalServicesAnswerThroughNdxp() {
        String sokhcn = keycloak.clientToken(Keycloak.DOST_SYSTEM);
        Api.Reply citizen = api.call("GET", "/api/v1/gateway/csdl-dan-cu/v1/cong-dan/" + CITIZEN, ward, PERSONAL, null);
        Api.Reply business = api.call("GET", "/api/v1/gateway/csdl-dang-ky-doanh-nghiep/v1/doanh-nghiep/0101234567",
                sokhcn, Map.of(), null);
        Api.Reply insurance = api.call("GET", "/api/v1/gateway/csdl-bao-hiem/v1/nguoi-tham-gia/0190000001", ward,
                PERSONAL, null);
        Api.Reply law = api.call("POST", "/api/v1/gateway/csdl-van-ban-phap-luat/v1/VanBanService", ward,
                Map.of("Content-Type", "text/xml; charset=utf-8"), soapLookup("5918/QĐ-UBND"));

        assertThat(citizen.status()).isEqualTo(200);
        assertThat(citizen.body().path("congDan").path("hoTen").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(business.status()).isEqualTo(200);
        assertThat(business.body().path("doanhNghiep").path("maSoDoanhNghiep").asText()).isEqualTo("0101234567");
        assertThat(insurance.status()).as(insurance.raw().body()).isEqualTo(200);
        assertThat(insurance.body().path("nguoiThamGia").path("hoTen").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(law.status()).isEqualTo(200);
        assertThat(law.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(law.raw().body()).contains("5918/QĐ-UBND");
        for (NationalServices.NationalService national : NationalServices.ALL) {
            assertThat(simulators.ndxp().nationalCalls(national.context())).as(national.context()).isPositive();
        }
    }

    @Test
    void aSoapProviderAnswersJsonToAConsumerThatAsksForIt() {
        Api.Reply json = api.call("POST", "/api/v1/gateway/csdl-van-ban-phap-luat/v1/VanBanService", ward,
                Map.of("Content-Type", "text/xml; charset=utf-8", "Accept", "application/json"), soapLookup("5918/QĐ-UBND"));
        Api.Reply unknown = api.call("POST", "/api/v1/gateway/csdl-van-ban-phap-luat/v1/VanBanService", ward,
                Map.of("Content-Type", "text/xml; charset=utf-8", "Accept", "application/json"), soapLookup("1/2099/XX"));

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.code()).isEqualTo("00");
        assertThat(json.body().path("vanBan").path("soKyHieu").asText()).isEqualTo("5918/QĐ-UBND");
        assertThat(json.body().path("vanBan").path("coQuanBanHanh").asText()).isNotBlank();
        assertThat(unknown.code()).isEqualTo("01");
        assertThat(unknown.body().path("error").asText()).isEqualTo("PROVIDER_FAULT");
    }

    @Test
    void requestBodiesOfUndeclaredTypesAreRefused() {
        Api.Reply json = api.call("POST", "/api/v1/gateway/csdl-van-ban-phap-luat/v1/VanBanService", ward,
                Map.of("Content-Type", "application/json"), "{}");

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.code()).isEqualTo("01");
    }

    @Test
    void everyCallIsJournalledAndMonitoredWithoutItsBodyOrQueryValues() throws Exception {
        String marker = "MARKER" + UUID.randomUUID().toString().replace("-", "");
        String service = newService("gw-dau-vet", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");

        Api.Reply reply = api.call("POST", "/api/v1/gateway/" + service + "/v1/echo/" + marker + "?q=" + marker, ward,
                Map.of("Content-Type", "application/json"), "{\"secret\":\"" + marker + "\"}");
        Api.Reply personal = api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh?soDinhDanh=" + CITIZEN, ward,
                PERSONAL, null);
        Api.Reply unauthenticated = api.call("GET", "/api/v1/gateway/" + service + "/v1/echo/" + marker, null, Map.of(), null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(personal.status()).isEqualTo(200);
        assertThat(unauthenticated.status()).as("refused before the gateway; its path is still not kept").isEqualTo(401);

        Map<String, Object> entry = jdbc.queryForMap(
                "select actor, agency_code, action, target, outcome, details::text details from lgsp.audit_journal "
                        + "where transaction_id = ?", reply.transactionId());
        assertThat(entry.get("agency_code")).isEqualTo(WARD);
        assertThat(entry.get("action")).isEqualTo("gateway.call");
        assertThat(entry.get("target")).isEqualTo(service + "/v1");
        assertThat(entry.get("outcome")).isEqualTo("00");
        assertThat(entry.get("details").toString()).contains("\"path\": \"/echo/{}\"").doesNotContain(marker);
        String personalDetails = jdbc.queryForObject("select details::text from lgsp.audit_journal where transaction_id = ?",
                String.class, personal.transactionId());
        assertThat(personalDetails).contains(PURPOSE).contains("canbo.hoankiem")
                .contains("\"subject\"").doesNotContain(CITIZEN);

        await().atMost(Duration.ofSeconds(30)).until(() -> indexed(reply.transactionId()));
        String document = get("/lgsp-transactions-*/_search?q=transactionId:" + reply.transactionId());
        assertThat(document).contains("gateway-call").contains("\"upstreamMs\"").doesNotContain(marker);
        assertThat(get("/_all/_search?size=10000")).doesNotContain(marker).doesNotContain(CITIZEN);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.audit_journal where details::text like ? or target like ?",
                Integer.class, "%" + marker + "%", "%" + marker + "%")).isZero();
        assertThat(Files.readString(Path.of(platformLog), StandardCharsets.UTF_8)).doesNotContain(marker);
    }

    @Test
    void theGatewayPrefixAloneOrWithOneSegmentIsNotFoundNotAnError() {
        for (String path : List.of("/api/v1/gateway", "/api/v1/gateway/", "/api/v1/gateway/hotich-tra-cuu",
                "/api/v1/gateway/hotich-tra-cuu/")) {
            Api.Reply reply = api.get(path, ward);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.error()).as(path).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void consumersAndProvidersSeeTheirOwnUsage() {
        assertThat(api.call("GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh?soDinhDanh=" + CITIZEN, ward, PERSONAL,
                null).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                rows(api.get("/api/v1/gateway/usage", ward).body().path("asConsumer"), "hotich-tra-cuu") > 0);
        Api.Reply provider = api.get("/api/v1/gateway/usage", justice);
        assertThat(rows(provider.body().path("asProvider"), "hotich-tra-cuu")).isPositive();
        Api.Reply nosy = api.get("/api/v1/gateway/usage?consumer=" + WARD, justice);
        assertThat(nosy.status()).isEqualTo(403);
    }

    @Test
    void onlyDostOperatorsChangeAPolicyAndEveryProblemIsNamed() {
        String service = newService("gw-chinh-sach", DataClassification.PUBLIC);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        String dost = keycloak.operatorToken();
        String path = "/api/v1/services/" + service + "/versions/v1/gateway-policy";

        Api.Reply byWard = api.put(path, ward, Map.of("upstream", "DIRECT"));
        Api.Reply wrong = api.put(path, dost, Map.of("upstream", "NDXP", "testBaseUrl", "ftp://x", "quota", 0,
                "subjectLocator", "cookie:x", "validateRequests", true, "responseTransform", Map.of("as", "x")));
        Api.Reply right = api.put(path, dost, Map.of("upstream", "DIRECT", "testBaseUrl", testEnvironment.baseUrl(),
                "quota", 100, "allowedContentTypes", List.of("application/json")));

        assertThat(byWard.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error()).isEqualTo("VALIDATION_FAILED");
        List<String> fields = wrong.body().path("details").findValuesAsText("field");
        assertThat(fields).contains("xroadService", "testBaseUrl", "quota", "subjectLocator", "validateRequests",
                "responseTransform");
        assertThat(right.status()).isEqualTo(200);
        assertThat(api.get(path, dost).body().path("policy").path("quota").asInt()).isEqualTo(100);
        Api.Reply xml = api.call("POST", "/api/v1/gateway/" + service + "/v1/echo", ward,
                Map.of("Content-Type", "text/xml"), "<a/>");
        assertThat(xml.status()).as("the new policy applies at once on this node").isEqualTo(415);
    }

    private int call(String service) {
        return api.call("GET", "/api/v1/gateway/" + service + "/v1/echo", ward, Map.of(), null).status();
    }

    private static long rows(JsonNode rows, String service) {
        long calls = 0;
        for (JsonNode row : rows) {
            if (service.equals(row.path("service").asText())) {
                calls += row.path("calls").asLong();
            }
        }
        return calls;
    }

    /** A published service of the Department of Justice whose production upstream is this test's provider. */
    private String newService(String prefix, DataClassification classification) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Dịch vụ thử nghiệm cổng " + code, null, JUSTICE,
                classification, "v1", production.baseUrl(), null, null, null, null));
    }

    private String testCredential(String agency) {
        String clientId = "gw-test-" + UUID.randomUUID().toString().substring(0, 8);
        KeycloakAdmin.AgencyCredentials credentials = keycloakAdmin.provisionAgencyClient(clientId, "Thử nghiệm", agency,
                "test");
        return keycloak.clientToken(credentials.clientId(), credentials.clientSecret());
    }

    /** What the provider answers when called directly with a token meant for it. */
    private String directFromProvider(String url) {
        String token = keycloak.clientToken(Map.of("grant_type", "client_credentials", "client_id", "lgsp-gateway",
                "client_secret", "lgsp-gateway-dev-secret", "scope", "lgsp-provider-" + JUSTICE));
        return new Api("").call("GET", url, token, Map.of(), null).raw().body();
    }

    private boolean indexed(String transactionId) throws IOException {
        elasticsearch.performRequest(new Request("POST", "/_refresh"));
        return get("/lgsp-transactions-*/_search?q=transactionId:" + transactionId).contains(transactionId);
    }

    private String get(String path) throws IOException {
        return new String(elasticsearch.performRequest(new Request("GET", path)).getEntity().getContent().readAllBytes(),
                StandardCharsets.UTF_8);
    }

    static String soapLookup(String number) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                  <soap:Body><TraCuuVanBan xmlns="urn:vn:gov:vbpl:1.0"><SoKyHieu>%s</SoKyHieu></TraCuuVanBan></soap:Body>
                </soap:Envelope>""".formatted(number);
    }
}
