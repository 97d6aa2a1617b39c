package vn.hanoi.lgsp.exchange;

import vn.hanoi.lgsp.workercontract.RecordExchangeProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.exchange.RecordExchangeTest.Record;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * The synchronous checks of {@code POST /api/v1/exchanges}: every bad
 * input is a {@code 01} answer with a reason a person can act on, and starts nothing.
 */
class RecordValidationTest extends PlatformTest {

    static final String WARD = RecordExchangeTest.HOAN_KIEM_WARD;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HistoryService history;

    String justice;
    String dost;

    long exchangesBefore;
    long instancesBefore;

    @BeforeEach
    void clients() {
        justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        dost = keycloak.clientToken(Keycloak.DOST_SYSTEM);
        exchangesBefore = exchanges();
        instancesBefore = startedInstances();
    }

    @Test
    void requiresAnIdempotencyKey() {
        refused(api.post("/api/v1/exchanges", justice, record().json(), null), 400, "VALIDATION_FAILED", "Idempotency-Key");
    }

    @Test
    void requiresAProcedureCodeOfTheRightShape() {
        refused(submit(record().with("procedureCode", null)), 400, "VALIDATION_FAILED", "procedureCode is required");
        refused(submit(record().with("procedureCode", "TT-01")), 400, "VALIDATION_FAILED", "procedureCode must look like");
    }

    @Test
    void refusesAMalformedDestinationCode() {
        refused(submit(record().with("destination", "000.00.61.h26")), 400, "VALIDATION_FAILED", "destination");
    }

    @Test
    void refusesAnUnknownDestination() {
        refused(submit(record().with("destination", "000.00.99.H26")), 422, "UNKNOWN_AGENCY", "000.00.99.H26 is not registered");
    }

    @Test
    void refusesAClosedDestinationNamingItsSuccessor() {
        refused(submit(record().with("destination", "000.00.30.H26")), 422, "UNKNOWN_AGENCY", "000.00.61.H26");
    }

    @Test
    void refusesARecordToItsOwnSource() {
        refused(submit(record().with("destination", Keycloak.JUSTICE_SYSTEM.agencyCode())), 400, "VALIDATION_FAILED",
                "destination is the source");
    }

    @Test
    void refusesContentThatIsNotBase64() {
        Record record = record();
        Map<String, Object> body = record.json();
        ((Map<String, Object>) body.get("payload")).put("content", "%%% not base64 %%%");
        refused(api.post("/api/v1/exchanges", justice, body, RecordExchangeTest.key()), 400, "VALIDATION_FAILED", "base64");
    }

    @Test
    void refusesADigestThatDoesNotMatchTheContent() {
        Map<String, Object> body = record().json();
        ((Map<String, Object>) body.get("payload")).put("sha256", "0".repeat(64));
        refused(api.post("/api/v1/exchanges", justice, body, RecordExchangeTest.key()), 422, "INTEGRITY_FAILED",
                "altered or truncated");
    }

    @Test
    void refusesADigestThatIsNotSha256() {
        Map<String, Object> body = record().json();
        ((Map<String, Object>) body.get("payload")).put("sha256", "abc");
        refused(api.post("/api/v1/exchanges", justice, body, RecordExchangeTest.key()), 400, "VALIDATION_FAILED", "64 hex");
    }

    @Test
    void refusesARecordOverTheSizeLimit() {
        // test configuration: 256 KB; one just over passes the body guard and fails on its decoded size
        byte[] justOver = new byte[300 * 1024];
        refused(submit(new Record(justOver, "application/octet-stream", WARD, Map.of())), 413, "PAYLOAD_TOO_LARGE",
                "at most 262144 bytes");
        byte[] farOver = new byte[600 * 1024];
        refused(submit(new Record(farOver, "application/octet-stream", WARD, Map.of())), 413, "PAYLOAD_TOO_LARGE",
                "at most 262144 bytes");
    }

    @Test
    void refusesADeadlineInThePast() {
        refused(submit(record().with("deadline", Instant.now().minusSeconds(60).toString())), 400, "VALIDATION_FAILED",
                "deadline is in the past");
    }

    @Test
    void refusesAnApplicantWithoutATwelveDigitCitizenId() {
        refused(submit(record().with("applicant", Map.of("citizenId", "12345"))), 400, "VALIDATION_FAILED",
                "12-digit citizen identification number");
    }

    @Test
    void refusesEdXmlWhoseSenderIsNotTheSubmittingAgency() {
        Record edxml = new Record(edXml("000.00.12.H26", WARD), RecordValidator.EDXML_CONTENT_TYPE, WARD, Map.of());
        refused(submit(edxml), 400, "VALIDATION_FAILED", "edXML sender");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"application/edxml+xml; charset=utf-8",
            "Application/EdXML+XML", "application/edxml+xml;version=2"})
    void refusesEdXmlWithAForeignSenderWhateverItsMediaTypeParameters(String contentType) {
        Record edxml = new Record(edXml("000.00.12.H26", WARD), contentType, WARD, Map.of());
        refused(submit(edxml), 400, "VALIDATION_FAILED", "edXML sender");
    }

    @Test
    void refusesMalformedContentTypesAndFarDeadlines() {
        refused(submit(new Record("x".getBytes(java.nio.charset.StandardCharsets.UTF_8), "not a type", WARD, Map.of())),
                400, "VALIDATION_FAILED", "payload.contentType");
        refused(submit(new Record("x".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain", WARD,
                Map.of("deadline", Instant.now().plus(java.time.Duration.ofDays(31)).toString()))),
                400, "VALIDATION_FAILED", "deadline");
    }

    @Test
    void refusesEdXmlAddressedToAnotherDestination() {
        Record edxml = new Record(edXml(Keycloak.JUSTICE_SYSTEM.agencyCode(), "000.00.62.H26"),
                RecordValidator.EDXML_CONTENT_TYPE, WARD, Map.of());
        refused(submit(edxml), 400, "VALIDATION_FAILED", "edXML recipients");
    }

    @Test
    void acceptsEdXmlWhoseAddressingMatches() {
        Record edxml = new Record(edXml(Keycloak.JUSTICE_SYSTEM.agencyCode(), WARD), RecordValidator.EDXML_CONTENT_TYPE,
                WARD, Map.of());
        assertThat(submit(edxml).status()).isEqualTo(202);
    }

    @Test
    void verifiesADetachedSignatureAgainstTheSourcesRegisteredKey() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("stp-signing").generate();
        registerSystem(Keycloak.JUSTICE_SYSTEM.agencyCode(), key.toPublicJWK().toJSONString(), false);
        Record record = record();

        assertThat(submit(record.with("signature", sign(record.bytes(), key))).status()).isEqualTo(202);
        exchangesBefore = exchanges();
        instancesBefore = startedInstances();

        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("stp-signing").generate();
        refused(submit(record().with("signature", sign(record.bytes(), otherKey))), 422, "INTEGRITY_FAILED",
                "does not verify");
        refused(submit(record().with("signature", "not-a-jws")), 400, "VALIDATION_FAILED", "compact detached JWS");
    }

    @Test
    void aSigningTimeFarFromTheLgspsClockIsFlaggedInTheTimeline() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("stp-signing-time").generate();
        registerSystem(Keycloak.JUSTICE_SYSTEM.agencyCode(), key.toPublicJWK().toJSONString(), false);
        Record late = record();
        Record onTime = record();

        Api.Reply flagged = submit(late.with("signature", sign(late.bytes(), key,
                java.time.OffsetDateTime.now().minusHours(2).toString())));
        Api.Reply clean = submit(onTime.with("signature", sign(onTime.bytes(), key,
                java.time.OffsetDateTime.now().toString())));

        assertThat(flagged.status()).isEqualTo(202);
        assertThat(clean.status()).isEqualTo(202);
        assertThat(timeline(flagged)).anyMatch(d -> d.contains("signing time") && d.contains("before the LGSP's clock"));
        assertThat(timeline(clean)).noneMatch(d -> d.contains("signing time"));
        exchangesBefore = exchanges();
        instancesBefore = startedInstances();
    }

    private List<String> timeline(Api.Reply accepted) {
        String id = accepted.body().path("exchangeId").asText();
        return api.get("/api/v1/exchanges/" + id, justice).body().path("exchange").path("timeline").findValuesAsText("detail");
    }

    private static String sign(byte[] content, RSAKey key, String signingTime) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .customParam("sigT", signingTime).build(), new Payload(content));
        jws.sign(new RSASSASigner(key));
        return jws.serialize(true);
    }

    @Test
    void requiresASignatureWhereTheSourcesPolicySaysSo() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        String dostCode = Keycloak.DOST_SYSTEM.agencyCode();
        JsonNode before = registerSystem(dostCode, key.toPublicJWK().toJSONString(), true);
        try {
            Api.Reply unsigned = api.post("/api/v1/exchanges", dost, record().json(), RecordExchangeTest.key());
            refused(unsigned, 400, "VALIDATION_FAILED", "must carry a detached JWS signature");
        } finally {
            registerSystem(dostCode, before.path("signingKeyJwk").asText(null), false);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAsItArrives() throws Exception {
        // no Content-Length: the size is only known by counting
        byte[] huge = new byte[700 * 1024];
        java.util.Arrays.fill(huge, (byte) 'A');
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/api/v1/exchanges"))
                .header("Authorization", "Bearer " + justice).header("Content-Type", "application/json")
                .header("Idempotency-Key", RecordExchangeTest.key())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"01\"").contains("PAYLOAD_TOO_LARGE");
        assertThat(exchanges()).isEqualTo(exchangesBefore);

        // a chunked record under the limit still goes through
        Record small = record();
        byte[] body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(small.json());
        var accepted = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/api/v1/exchanges"))
                .header("Authorization", "Bearer " + justice).header("Content-Type", "application/json")
                .header("Idempotency-Key", RecordExchangeTest.key())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void onlyTheRecordEndpointReadsRecordSizedJsonStrings() {
        // 200 KB of content: 273 K characters of base64, more than the API's 100 K limit in tests
        byte[] large = new byte[200 * 1024];
        java.util.Arrays.fill(large, (byte) 'B');
        Api.Reply record = submit(new Record(large, "application/octet-stream", WARD, Map.of()));
        assertThat(record.status()).as(record.body().toString()).isEqualTo(202);

        // the same length anywhere else is refused as a bad body, not read
        String operator = keycloak.operatorToken();
        Api.Reply elsewhere = api.postJson("/api/v1/grants", operator, Map.of("consumer", "x".repeat(150_000),
                "service", "s", "version", "v1"));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.code()).isEqualTo("01");
        assertThat(elsewhere.message()).as("refused as a body it would not read").contains("not valid JSON");
        exchangesBefore = exchanges();
        instancesBefore = startedInstances();
    }

    @Test
    void refusesTokensThatNameNoAgency() {
        String staff = keycloak.staffToken("operator");
        refused(api.post("/api/v1/exchanges", staff, record().json(), RecordExchangeTest.key()), 403, "FORBIDDEN",
                "agency_code");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        long exchanges = exchanges();
        Api.Reply reply = api.post("/api/v1/exchanges", justice, "text/plain", "hồ sơ");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.error()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(exchanges()).isEqualTo(exchanges);
    }

    private Record record() {
        return Record.text("Hồ sơ kiểm tra " + UUID.randomUUID(), WARD);
    }

    private Api.Reply submit(Record record) {
        return api.post("/api/v1/exchanges", justice, record.json(), RecordExchangeTest.key());
    }

    private long startedInstances() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(RecordExchangeProcess.PROCESS_KEY).count();
    }

    /** Asserts the 01 answer and that the refused call started nothing. */
    private void refused(Api.Reply reply, int status, String error, String reasonPart) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo("01");
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.message()).contains(reasonPart);
        assertThat(reply.body().has("exchangeId")).isFalse();
        assertThat(reply.transactionId()).isNotBlank();
        assertThat(exchanges()).as("no exchange recorded").isEqualTo(exchangesBefore);
        assertThat(startedInstances()).as("no process started").isEqualTo(instancesBefore);
    }

    private long exchanges() {
        return jdbc.queryForObject("select count(*) from lgsp.exchange", Long.class);
    }

    private JsonNode registerSystem(String agency, String jwk, boolean signatureRequired) {
        String operator = keycloak.operatorToken();
        JsonNode current = api.get("/api/v1/agencies/" + agency + "/system", operator).body().path("system");
        Map<String, Object> system = new HashMap<>();
        system.put("baseUrl", current.path("baseUrl").asText());
        system.put("pushEnabled", current.path("pushEnabled").asBoolean(true));
        system.put("signingKeyJwk", jwk);
        system.put("signatureRequired", signatureRequired);
        vn.hanoi.lgsp.support.SystemChangeApproval.applied(api, new Keycloak(keycloakUrl), agency, system);
        return current;
    }

    private static String sign(byte[] content, RSAKey key) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new Payload(content));
        jws.sign(new RSASSASigner(key));
        return jws.serialize(true);
    }

    private static byte[] edXml(String from, String to) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
                  <edXMLEnvelope>
                    <edXMLHeader>
                      <MessageHeader>
                        <From><OrganId>%s</OrganId><OrganName>Sở Tư pháp</OrganName></From>
                        <To><OrganId>%s</OrganId><OrganName>UBND phường</OrganName></To>
                        <DocumentId>%s</DocumentId>
                        <Subject>Công văn thử nghiệm</Subject>
                      </MessageHeader>
                    </edXMLHeader>
                  </edXMLEnvelope>
                  <edXMLBody><edXMLManifest/></edXMLBody>
                </edXML>
                """.formatted(from, to, UUID.randomUUID());
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
