package vn.hanoi.lgsp.gateway;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.simulators.KeycloakTokenVerifier;
import vn.hanoi.lgsp.simulators.ServiceProviderSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * Hanoi's shared services for ministries and other provinces through NDXP (Đ6.1.4.c, R-07, R-08,
 * ) on the real stack: NDXP's simulator relays a province's call with NDXP's own
 * Keycloak credential and the X-Road headers, the gateway takes the consumer from
 * {@code X-Road-Client} only when the token is NDXP's, and every other rule of the gateway holds.
 */
class NdxpGatewayTest extends PlatformTest {

    static final String NGHE_AN = "000.00.00.H41";
    static final String GOVERNMENT_OFFICE = "000.00.00.G22";
    static final String NGHE_AN_MEMBER = "VN:GOV:" + NGHE_AN + ":LGSP";
    static final String WARD = GatewayTest.WARD;
    static final String JUSTICE = GatewayTest.JUSTICE;
    static final Keycloak.Client NDXP = new Keycloak.Client("ndxp-national", "Ndxp#Demo2025", null);
    static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    AuditJournal journal;
    @Autowired
    Simulators simulators;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    AccessGrants grants;
    @Autowired
    KeycloakAdmin keycloakAdmin;
    @Autowired
    JdbcTemplate jdbc;

    String ndxp;
    String ward;
    String dost;
    ServiceProviderSimulator provider;

    @BeforeEach
    void clients() {
        ndxp = keycloak.clientToken(NDXP.id(), NDXP.secret());
        ward = keycloak.clientToken(GatewayTest.WARD_SYSTEM);
        dost = keycloak.operatorToken();
        provider = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                new KeycloakTokenVerifier(keycloakUrl + "/realms/lgsp", JUSTICE), 16));
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aProvinceCallsAnOfferedServiceThroughNdxpAndIsJournalledAsItself() throws Exception {
        String service = newService("ndxp-mo", DataClassification.PUBLIC);
        offer(service, true);
        Api.Reply granted = api.postJson("/api/v1/grants", dost, Map.of("consumer", NGHE_AN, "service", service,
                "version", "v1", "environment", "PRODUCTION"));
        assertThat(granted.status()).as(granted.body().toString()).isIn(200, 201);

        // the body names another consumer: the gateway never reads who calls from a body
        Relayed reply = relay(NGHE_AN_MEMBER, "/" + service + "/v1/echo/ho-so?x=1", "POST",
                Map.of("Content-Type", "application/json", "X-Custom", "kept"), "{\"consumer\":\"" + WARD + "\"}");

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode headers = reply.body().path("headers");
        assertThat(headers.path("x-lgsp-consumer").asText()).isEqualTo(NGHE_AN);
        assertThat(headers.path("authorization").asText()).as("the LGSP's own identity, never NDXP's token")
                .isEqualTo("present");
        assertThat(headers.has("x-road-client")).isFalse();
        assertThat(headers.has("x-road-id")).isFalse();
        assertThat(headers.path("x-custom").asText()).isEqualTo("kept");
        assertThat(provider.calls("/echo/ho-so")).isEqualTo(1);

        Map<String, Object> entry = jdbc.queryForMap("select actor_kind, actor, agency_code, target, outcome, "
                + "details::text details from lgsp.audit_journal where transaction_id = ?", reply.transactionId());
        assertThat(entry.get("agency_code")).isEqualTo(NGHE_AN);
        assertThat(entry.get("actor")).isEqualTo("ndxp-national");
        assertThat(entry.get("actor_kind")).isEqualTo("NATIONAL_PLATFORM");
        assertThat(entry.get("outcome")).isEqualTo("00");
        assertThat(entry.get("details").toString()).contains(NGHE_AN_MEMBER).contains(reply.xroadId())
                .contains("\"environment\": \"production\"");

        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() ->
                calls(api.get("/api/v1/gateway/usage?consumer=" + NGHE_AN, dost).body().path("all"), service) > 0);
        JsonNode asProvider = api.get("/api/v1/gateway/usage", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM)).body()
                .path("asProvider");
        assertThat(rowsOf(asProvider, service)).anyMatch(row -> NGHE_AN.equals(row.path("consumer").asText()));
    }

    @Test
    void grantsGoOnlyToBodiesInTheRegistry() {
        String service = newService("ndxp-dang-ky", DataClassification.PUBLIC);
        offer(service, true);

        Api.Reply unknown = api.postJson("/api/v1/grants", dost, Map.of("consumer", "000.00.00.H99", "service", service,
                "version", "v1", "environment", "PRODUCTION"));
        Api.Reply known = api.postJson("/api/v1/grants", dost, Map.of("consumer", GOVERNMENT_OFFICE, "service", service,
                "version", "v1", "environment", "PRODUCTION"));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.error()).isEqualTo("UNKNOWN_AGENCY");
        assertThat(known.code()).as(known.body().toString()).isEqualTo("00");
        assertThat(relay("VN:GOV:" + GOVERNMENT_OFFICE + ":VPCP", "/" + service + "/v1/echo", "GET", Map.of(), null)
                .status()).isEqualTo(200);
        assertThat(relay("VN:GOV:000.00.00.H99:LGSP", "/" + service + "/v1/echo", "GET", Map.of(), null).error())
                .as("a body nobody registered holds no grant").isEqualTo("NOT_GRANTED");
    }

    @Test
    void aProvinceWithoutAGrantIsRefused() {
        String service = newService("ndxp-khong-quyen", DataClassification.PUBLIC);
        offer(service, true);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");

        Relayed reply = relay(NGHE_AN_MEMBER, "/" + service + "/v1/echo", "GET", Map.of(), null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("01");
        assertThat(reply.error()).isEqualTo("NOT_GRANTED");
        assertThat(reply.body().path("message").asText()).contains(NGHE_AN);
        assertThat(reply.transactionId()).isNotBlank();
        assertThat(provider.calls("/echo")).isZero();
        assertThat(jdbc.queryForObject("select agency_code from lgsp.audit_journal where transaction_id = ?",
                String.class, reply.transactionId())).as("the refusal is journalled for the member").isEqualTo(NGHE_AN);
    }

    @Test
    void anAgencysOwnTokenCannotSpeakForAnotherBodyWithTheXRoadHeader() {
        String service = newService("ndxp-gia-danh", DataClassification.PUBLIC);
        offer(service, true);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        grants.grant(NGHE_AN, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        String path = "/api/v1/gateway/" + service + "/v1/echo";

        Api.Reply asProvince = api.call("GET", path, ward, Map.of("X-Road-Client", NGHE_AN_MEMBER), null);
        Api.Reply asItself = api.call("GET", path, ward, Map.of("X-Road-Client", "VN:GOV:" + WARD + ":LGSP"), null);
        Api.Reply plain = api.call("GET", path, ward, Map.of(), null);

        assertThat(asProvince.status()).isEqualTo(403);
        assertThat(asProvince.code()).isEqualTo("01");
        assertThat(asProvince.error()).isEqualTo("FORBIDDEN");
        assertThat(asProvince.message()).contains("X-Road-Client").contains("NDXP");
        assertThat(asItself.status()).as("refused, not ignored, whoever it names").isEqualTo(403);
        assertThat(plain.status()).as("the same system without the header").isEqualTo(200);
        assertThat(provider.calls("/echo")).isEqualTo(1);
        Map<String, Object> entry = jdbc.queryForMap("select agency_code, outcome, details::text details "
                + "from lgsp.audit_journal where transaction_id = ?", asProvince.transactionId());
        assertThat(entry.get("agency_code")).as("journalled against the system that tried, not the body it named")
                .isEqualTo(WARD);
        assertThat(entry.get("outcome")).isEqualTo("01");
        assertThat(entry.get("details").toString()).contains("FORBIDDEN");
    }

    @Test
    void aHanoiBodyCannotComeInThroughNdxp() {
        String service = newService("ndxp-noi-thanh", DataClassification.PUBLIC);
        offer(service, true);
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");

        for (String member : List.of("VN:GOV:" + WARD + ":LGSP", "VN:GOV:000.00.00.H26:LGSP",
                "VN:GOV:001.01.12.K26:MOTCUA")) {
            Relayed reply = relay(member, "/" + service + "/v1/echo", "GET", Map.of(), null);
            assertThat(reply.status()).as(member).isEqualTo(403);
            assertThat(reply.error()).as(member).isEqualTo("FORBIDDEN");
            assertThat(reply.body().path("message").asText()).as(member).contains("directly");
        }
        assertThat(provider.calls("/echo")).isZero();
    }

    @Test
    void aVersionNotOfferedIsRefusedToBodiesOutsideHanoiHoweverTheyCome() {
        String service = newService("ndxp-chua-mo", DataClassification.PUBLIC);
        grants.grant(NGHE_AN, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        // a credential of the province's own, as onboarding would issue it: no way round the offer either
        String provinceOwn = credential(NGHE_AN);
        String path = "/" + service + "/v1/echo";

        Relayed closed = relay(NGHE_AN_MEMBER, path, "GET", Map.of(), null);
        Api.Reply direct = api.call("GET", "/api/v1/gateway" + path, provinceOwn, Map.of(), null);
        assertThat(closed.status()).isEqualTo(403);
        assertThat(closed.error()).isEqualTo("FORBIDDEN");
        assertThat(closed.body().path("message").asText()).contains("not offered to NDXP");
        assertThat(direct.status()).isEqualTo(403);
        assertThat(direct.message()).contains("not offered to NDXP");
        assertThat(api.call("GET", "/api/v1/gateway" + path, ward, Map.of(), null).status())
                .as("the city's own consumers are not concerned").isEqualTo(200);

        offer(service, true);
        assertThat(relay(NGHE_AN_MEMBER, path, "GET", Map.of(), null).status()).as("offered: at once on this node")
                .isEqualTo(200);
        offer(service, false);
        assertThat(relay(NGHE_AN_MEMBER, path, "GET", Map.of(), null).status()).as("withdrawn: at once too")
                .isEqualTo(403);
        assertThat(provider.calls("/echo")).isEqualTo(2);
    }

    @Test
    void ndxpsCredentialMustNameOneWellFormedMember() throws Exception {
        String service = newService("ndxp-thieu-dau", DataClassification.PUBLIC);
        offer(service, true);
        grants.grant(NGHE_AN, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        String path = "/api/v1/gateway/" + service + "/v1/echo";

        Api.Reply missing = api.call("GET", path, ndxp, Map.of(), null);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.code()).isEqualTo("01");
        assertThat(missing.error()).isEqualTo("FORBIDDEN");
        assertThat(missing.message()).contains("X-Road-Client");
        assertThat(missing.transactionId()).isNotBlank();
        for (String malformed : List.of(NGHE_AN, "VN:GOV:000.00.00.h41:LGSP", "VN:COM:0101234567:ERP",
                "VN:GOV:0101234567:ERP", "VN:GOV:000.00.00.H41", "VN:GOV:00.00.00.H41:LGSP",
                NGHE_AN_MEMBER + ", VN:GOV:" + WARD + ":LGSP", "VN:GOV:000.00.00.H41:LGSP x", "")) {
            Api.Reply reply = api.call("GET", path, ndxp, Map.of("X-Road-Client", malformed), null);
            assertThat(reply.status()).as(malformed).isEqualTo(403);
            assertThat(reply.error()).as(malformed).isEqualTo("FORBIDDEN");
        }
        HttpResponse<String> twice = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + ndxp)
                .header("X-Road-Client", NGHE_AN_MEMBER).header("X-Road-Client", "VN:GOV:000.00.00.G22:VPCP")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).as("two members at once").isEqualTo(403);
        assertThat(JSON.readTree(twice.body()).path("code").asText()).isEqualTo("01");
        assertThat(provider.calls("/echo")).isZero();
        // NDXP's credential carries no agency of its own: NDXP never calls as a consumer itself
        assertThat(api.call("GET", path, ndxp, Map.of("X-Road-Client", NGHE_AN_MEMBER), null).status()).isEqualTo(200);
    }

    @Test
    void personalDataRulesHoldThroughNdxp() {
        String service = newService("ndxp-ca-nhan", DataClassification.PERSONAL_DATA);
        offer(service, true);
        grants.grant(NGHE_AN, service, "v1", AccessGrant.Environment.PRODUCTION, "test");

        Relayed bare = relay(NGHE_AN_MEMBER, "/" + service + "/v1/echo", "GET", Map.of(), null);
        Relayed declared = relay(NGHE_AN_MEMBER, "/" + service + "/v1/echo", "GET", GatewayTest.PERSONAL, null);

        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.error()).isEqualTo("VALIDATION_FAILED");
        assertThat(bare.body().path("message").asText()).contains("X-LGSP-Purpose").contains("X-LGSP-Officer");
        assertThat(declared.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select details::text from lgsp.audit_journal where transaction_id = ?",
                String.class, declared.transactionId())).contains(GatewayTest.PURPOSE).contains("canbo.hoankiem");
    }

    @Test
    void quotasCountTheProvinceLikeAnyConsumer() {
        String service = newService("ndxp-han-muc", DataClassification.PUBLIC);
        offer(service, true);
        grants.grant(NGHE_AN, service, "v1", AccessGrant.Environment.PRODUCTION, "test", 2);

        // windows are 2 s in the tests: five calls in a row span at most two of them, so one is refused
        List<Relayed> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(relay(NGHE_AN_MEMBER, "/" + service + "/v1/echo", "GET", Map.of(), null));
        }

        assertThat(replies).anyMatch(r -> r.status() == 429 && "RATE_LIMITED".equals(r.error()));
        assertThat(replies).allMatch(r -> r.status() == 200 || r.status() == 429);
        assertThat(provider.calls("/echo")).isEqualTo((int) replies.stream().filter(r -> r.status() == 200).count());
    }

    @Test
    void onlyDostOffersAVersionAndOnlyOfTheCitysOwnServices() {
        String service = newService("ndxp-quyen-mo", DataClassification.PUBLIC);
        String path = "/api/v1/services/" + service + "/versions/v1/ndxp-offer";

        assertThat(api.put(path, ward, Map.of("offered", true)).status()).isEqualTo(403);
        assertThat(api.put(path, ndxp, Map.of("offered", true)).status()).isEqualTo(403);
        Api.Reply empty = api.put(path, dost, Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("VALIDATION_FAILED");
        Api.Reply national = api.put("/api/v1/services/csdl-dan-cu/versions/v1/ndxp-offer", dost, Map.of("offered", true));
        assertThat(national.status()).isEqualTo(400);
        assertThat(national.message()).contains("Hanoi");
        assertThat(api.put("/api/v1/services/" + service + "/versions/v9/ndxp-offer", dost, Map.of("offered", true))
                .status()).isEqualTo(404);

        Api.Reply offered = api.put(path, dost, Map.of("offered", true));
        assertThat(offered.code()).isEqualTo("00");
        assertThat(offered.body().path("service").path("versions").get(0).path("offeredToNdxp").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/services/" + service, ward).body().path("service").path("versions").get(0)
                .path("offeredToNdxp").asBoolean()).isTrue();
        // staff changes are journaled by the writer thread once their transaction commits
        journal.flush();
        assertThat(jdbc.queryForObject("select count(*) from lgsp.audit_journal where action = "
                + "'catalog.version.ndxp-offered' and target = ?", Integer.class, service + "/v1")).isEqualTo(1);
    }

    /**
     * The regulation's path for an external consumer (Đ10.2, App1 §3.3): the province files Form 02,
     * DOST reviews, the provider permits, the test is confirmed, and the production grant the
     * onboarding issues is the one its calls through NDXP use. Form 02 for a version not offered
     * to NDXP is refused up front: the province could never call it.
     */
    @Test
    void aProvinceOnboardedThroughForm02CallsThroughNdxp() {
        String service = newService("ndxp-mau-02", DataClassification.PUBLIC);
        // the province's system files its request with a credential of its own, like any applicant
        String province = credential(NGHE_AN);
        Api.Reply early = api.postJson("/api/v1/registrations", province, consumerForm(service));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.message()).contains("not offered to NDXP");

        offer(service, true);
        Api.Reply submitted = api.postJson("/api/v1/registrations", province, consumerForm(service));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String id = submitted.body().path("registration").path("registrationId").asText();
        completeTask(id, "reviewer", Map.of("reviewDecision", "APPROVE", "reviewComment", "đủ điều kiện"));
        awaitStatus(id, province, "AWAITING_PROVIDER");
        Api.Reply permitted = api.postJson("/api/v1/registrations/" + id + "/provider-decision",
                keycloak.clientToken(Keycloak.JUSTICE_SYSTEM), Map.of("permit", true, "comment", "đồng ý"));
        assertThat(permitted.code()).as(permitted.body().toString()).isEqualTo("00");
        awaitStatus(id, province, "TESTING");
        Api.Reply[] confirmed = new Api.Reply[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            confirmed[0] = api.post("/api/v1/registrations/" + id + "/test-confirmation", province, "application/json", "{}");
            return confirmed[0].status() != 503;
        });
        assertThat(confirmed[0].code()).as(confirmed[0].body().toString()).isEqualTo("00");
        assertThat(relay(NGHE_AN_MEMBER, "/" + service + "/v1/echo", "GET", Map.of(), null).status())
                .as("before go-live the province holds only a TEST grant; NDXP's calls are production").isEqualTo(403);
        completeTask(id, "operator", Map.of("testResult", "PASSED"));
        awaitStatus(id, province, "ACTIVE");

        Relayed reply = relay(NGHE_AN_MEMBER, "/" + service + "/v1/echo", "GET", Map.of(), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.body().path("headers").path("x-lgsp-consumer").asText()).isEqualTo(NGHE_AN);
        assertThat(grants.activeGrant(NGHE_AN, service, "v1", AccessGrant.Environment.PRODUCTION).orElseThrow()
                .grantedBy()).isEqualTo("onboarding");
    }

    // ---- helpers ----

    /** What NDXP's simulator answered for a relayed call: the LGSP's status and body. */
    record Relayed(int status, JsonNode body, String transactionId, String xroadId) {

        String code() {
            return body.path("code").asText(null);
        }

        String error() {
            return body.path("error").asText(null);
        }
    }

    /** A province's call, relayed by NDXP's simulator to the LGSP with NDXP's credential. */
    private Relayed relay(String member, String path, String method, Map<String, String> headers, String body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("member", member);
        request.put("path", path);
        request.put("method", method);
        request.put("headers", headers);
        request.put("body", body);
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(simulators.ndxp().baseUrl()
                            + "/_sim/relay-to-lgsp"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tree = answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            return new Relayed(answer.statusCode(), tree,
                    answer.headers().firstValue("X-LGSP-Transaction-Id").orElse(null),
                    answer.headers().firstValue("X-Road-Id").orElse(null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void offer(String service, boolean offered) {
        Api.Reply reply = api.put("/api/v1/services/" + service + "/versions/v1/ndxp-offer", dost,
                Map.of("offered", offered));
        assertThat(reply.code()).as(reply.body().toString()).isEqualTo("00");
    }

    /** A published service of the Department of Justice whose production upstream is this test's provider. */
    private String newService(String prefix, DataClassification classification) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Dịch vụ thử nghiệm NDXP " + code, null, JUSTICE,
                classification, "v1", provider.baseUrl(), null, null, null, null));
    }

    private String credential(String agency) {
        KeycloakAdmin.AgencyCredentials credentials = keycloakAdmin.provisionAgencyClient(
                "ndxp-test-" + UUID.randomUUID().toString().substring(0, 8), "Thử nghiệm ngoài thành phố", agency,
                "production");
        return keycloak.clientToken(credentials.clientId(), credentials.clientSecret());
    }

    private static Map<String, Object> consumerForm(String service) {
        Map<String, Object> contact = Map.of("name", "Nguyễn Văn Liên", "position", "Chuyên viên",
                "email", "nghean@example.vn", "phone", "0238123456");
        return Map.of("type", "CONSUMER",
                "system", Map.of("name", "Hệ thống một cửa điện tử tỉnh Nghệ An", "baseUrl", "http://127.0.0.1:9",
                        "description", "Thử nghiệm"),
                "contact", contact,
                "consumption", Map.of("serviceCode", service, "version", "v1", "purpose", "Giải quyết thủ tục liên tỉnh",
                        "scope", "Tra cứu theo hồ sơ", "legalBasis", "Nghị định 47/2020", "expectedCallsPerDay", 100),
                "securityCommitment", Map.of("signedBy", "Trần Văn Cam", "position", "Giám đốc",
                        "signedOn", LocalDate.now().toString(), "accepted", true));
    }

    private void awaitStatus(String id, String token, String status) {
        await().atMost(STEP).pollInterval(Duration.ofMillis(300)).until(() -> status.equals(
                api.get("/api/v1/registrations/" + id, token).body().path("registration").path("status").asText()));
    }

    /** Completes the registration's open task through Camunda's REST API, as that staff member. */
    private void completeTask(String registrationId, String staff, Map<String, Object> variables) {
        String token = keycloak.staffToken(staff);
        JsonNode[] task = new JsonNode[1];
        await().atMost(STEP).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + registrationId, token).body();
            task[0] = tasks.size() == 1 ? tasks.get(0) : null;
            return task[0] != null;
        });
        Map<String, Object> typed = new HashMap<>();
        variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        Api.Reply done = api.postJson("/engine-rest/task/" + task[0].path("id").asText() + "/complete", token,
                Map.of("variables", typed));
        assertThat(done.status()).as(staff + " completes " + task[0].path("name").asText() + ": " + done.body())
                .isIn(200, 204);
    }

    private static long calls(JsonNode rows, String service) {
        return rowsOf(rows, service).stream().mapToLong(row -> row.path("calls").asLong()).sum();
    }

    private static List<JsonNode> rowsOf(JsonNode rows, String service) {
        List<JsonNode> found = new java.util.ArrayList<>();
        rows.forEach(row -> {
            if (service.equals(row.path("service").asText())) {
                found.add(row);
            }
        });
        return found;
    }
}
