package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import vn.hanoi.lgsp.workercontract.PostalProcess;

class NdxpSimulatorTest {

    private static final String KEY = "lgsp-hanoi";
    private static final String SECRET = "Ndxp#Secret+2025";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CLIENT = "VN:GOV:000.00.00.H26:LGSP";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String VBPL = "urn:vn:gov:vbpl:1.0";
    private static final String VNPOST_KEY = "ndxp-relay";
    private static final String VNPOST_SECRET = "Vnpost-Relay#2025";

    private CallbackRecorder lgsp;
    private NdxpSimulator ndxp;
    private String token;

    @BeforeEach
    void start() throws Exception {
        lgsp = new CallbackRecorder();
        ndxp = new NdxpSimulator(new NdxpSimulator.Config(0, KEY, SECRET, lgsp.baseUrl() + "/callbacks/ndxp",
                () -> "callback-token", Duration.ofMillis(100)));
        ndxp.start();
        token = TestHttp.token(ndxp.baseUrl(), KEY, SECRET);
    }

    @AfterEach
    void stop() {
        ndxp.close();
        lgsp.close();
    }

    @Test
    void issuesBearerTokenForGoodBasicCredentials() throws Exception {
        var answer = TestHttp.postToken(ndxp.baseUrl(), KEY, SECRET, "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("access_token").asText()).isNotBlank();
        assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(json.get("expires_in").asInt()).isEqualTo(3600);
    }

    @Test
    void acceptsFormEncodedCredentialsAsSpringSecuritySendsThem() throws Exception {
        var answer = TestHttp.postToken(ndxp.baseUrl(), KEY, "Ndxp%23Secret%2B2025", "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void refusesTokenForWrongCredentials() throws Exception {
        var wrong = TestHttp.postToken(ndxp.baseUrl(), KEY, "guess", "grant_type=client_credentials");
        var missing = TestHttp.postToken(ndxp.baseUrl(), null, null, "grant_type=client_credentials");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("01");
        assertThat(wrong.json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.json().get("message").asText()).startsWith("100 AUTHEN_ERROR");
        assertThat(missing.status()).isEqualTo(401);
    }

    @Test
    void refusesOtherGrantTypes() throws Exception {
        assertThat(TestHttp.postToken(ndxp.baseUrl(), KEY, SECRET, "grant_type=password").status()).isEqualTo(400);
        assertThat(TestHttp.postToken(ndxp.baseUrl(), KEY, SECRET, "").status()).isEqualTo(400);
    }

    @Test
    void businessEndpointsNeedALiveTokenOfItsOwn() throws Exception {
        String citizen = ndxp.baseUrl() + "/population/citizens/001090000001";

        assertThat(TestHttp.get(citizen, null).status()).isEqualTo(401);
        assertThat(TestHttp.get(citizen, "made-up").json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", null, message("M-0", "x")).status())
                .isEqualTo(401);
        assertThat(TestHttp.get(citizen, token).status()).isEqualTo(200);

        ndxp.tokens().expireAll();

        assertThat(TestHttp.get(citizen, token).status()).isEqualTo(401);
    }

    @Test
    void acceptedMessageIsCalledBackReceivedThenResult() throws Exception {
        byte[] content = "Hồ sơ cấp phép số 17".getBytes(StandardCharsets.UTF_8);

        var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-1", content));

        assertThat(answer.status()).isEqualTo(202);
        JsonNode accepted = answer.json();
        assertThat(accepted.get("code").asText()).isEqualTo("00");
        assertThat(accepted.get("message").asText()).isEqualTo("Đã tiếp nhận");
        assertThat(accepted.get("duplicate").asBoolean()).isFalse();
        String ndxpMessageId = accepted.get("ndxpMessageId").asText();
        assertThat(ndxpMessageId).isNotBlank();

        var received = lgsp.next(WAIT);
        assertThat(received).isNotNull();
        assertThat(received.path()).isEqualTo("/callbacks/ndxp");
        assertThat(received.authorization()).isEqualTo("Bearer callback-token");
        assertThat(received.contentType()).startsWith("application/json");
        assertThat(received.body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(received.body().get("messageId").asText()).isEqualTo("M-1");
        assertThat(received.body().get("ndxpMessageId").asText()).isEqualTo(ndxpMessageId);
        assertThat(received.body().get("receivedSha256").asText()).isEqualTo(TestHttp.sha256(content));
        Instant receivedAt = Instant.parse(received.body().get("at").asText());

        var result = lgsp.next(WAIT);
        assertThat(result).isNotNull();
        assertThat(result.authorization()).isEqualTo("Bearer callback-token");
        assertThat(result.body().get("event").asText()).isEqualTo("RESULT");
        assertThat(result.body().get("ndxpMessageId").asText()).isEqualTo(ndxpMessageId);
        assertThat(Instant.parse(result.body().get("at").asText())).isAfterOrEqualTo(receivedAt);
        assertThat(result.body().at("/result/code").asText()).isEqualTo("00");
        assertThat(result.body().at("/result/message").asText()).isEqualTo("Cơ quan nhận đã xử lý hồ sơ");
        assertThat(result.body().at("/result/reference").asText()).startsWith("000.00.12.H26/");

        assertThat(ndxp.deliveries("M-1")).isEqualTo(1);
        assertThat(ndxp.submissions("M-1")).isEqualTo(1);
        assertThat(ndxp.receivedContent("M-1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
    }

    @Test
    void duplicateMessageIdIsAnsweredAsDuplicateAndDeliveredOnce() throws Exception {
        var first = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-2", "một lần"));
        var second = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-2", "một lần"));

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        assertThat(second.json().get("ndxpMessageId").asText()).isEqualTo(first.json().get("ndxpMessageId").asText());
        assertThat(ndxp.submissions("M-2")).isEqualTo(2);
        assertThat(ndxp.deliveries("M-2")).isEqualTo(1);
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RESULT");
        assertThat(lgsp.next(Duration.ofMillis(400))).as("no second round of callbacks").isNull();
    }

    @Test
    void callbacksAreRetriedUntilLgspAcceptsThem() throws Exception {
        lgsp.failFirst(2);

        TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-3", "thử lại"));

        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RECEIVED");
        assertThat(lgsp.next(WAIT).body().get("event").asText()).isEqualTo("RESULT");
    }

    @Test
    void submissionsCountAttemptsTurnedAwayBySimulatedFailures() throws Exception {
        ndxp.behaviour().failNext(1);

        var failed = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-4", "x"));
        var retried = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, message("M-4", "x"));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("error").asText()).isEqualTo("SIMULATED_FAILURE");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().get("duplicate").asBoolean()).isFalse();
        assertThat(ndxp.submissions("M-4")).isEqualTo(2);
        assertThat(ndxp.deliveries("M-4")).isEqualTo(1);
    }

    @Test
    void digestMismatchIsAnIntegrityFailure() throws Exception {
        Map<String, Object> body = message("M-5", "nội dung");
        body.put("sha256", TestHttp.sha256("nội dung khác".getBytes(StandardCharsets.UTF_8)));

        var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, body);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("code").asText()).isEqualTo("01");
        assertThat(answer.json().get("error").asText()).isEqualTo("INTEGRITY_FAILED");
        assertThat(ndxp.deliveries("M-5")).isZero();
        assertThat(lgsp.next(Duration.ofMillis(300))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VN:GOV:000.00.12.H26", "VN:COM:000.00.12.H26:SUB", "VN:GOV:abc:SUB",
        "VN:GOV::SUB", "VN:GOV:0123456789012345678901234567890123456:SUB", "VN:GOV:000.00.12.H26:SUB:EXTRA"})
    void badAddressIsRefused(String address) throws Exception {
        Map<String, Object> body = message("M-6", "x");
        body.put("to", address);

        var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.json().get("message").asText()).contains("to");
    }

    @Test
    void missingFieldsAndBadEncodingsAreRefused() throws Exception {
        Map<String, Object> noProcedure = message("M-7", "x");
        noProcedure.remove("procedureCode");
        Map<String, Object> notBase64 = message("M-7", "x");
        notBase64.put("content", "không phải base64!");
        Map<String, Object> upperCaseDigest = message("M-7", "x");
        upperCaseDigest.put("sha256", ((String) upperCaseDigest.get("sha256")).toUpperCase());

        for (Object body : new Object[] {noProcedure, notBase64, upperCaseDigest, "{not json"}) {
            var answer = TestHttp.postJson(ndxp.baseUrl() + "/exchange/messages", token, body);
            assertThat(answer.status()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(ndxp.deliveries("M-7")).isZero();
    }

    @Test
    void looksUpCitizensInThePopulationDatabase() throws Exception {
        var known = TestHttp.get(ndxp.baseUrl() + "/population/citizens/001090000001", token);
        var unknown = TestHttp.get(ndxp.baseUrl() + "/population/citizens/001999999999", token);
        var malformed = TestHttp.get(ndxp.baseUrl() + "/population/citizens/12345", token);

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().get("code").asText()).isEqualTo("00");
        assertThat(known.json().at("/citizen/citizenId").asText()).isEqualTo("001090000001");
        assertThat(known.json().at("/citizen/fullName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(known.json().at("/citizen/dateOfBirth").asText()).isNotBlank();
        assertThat(known.json().at("/citizen/permanentAddress").asText()).contains("Hà Nội");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void looksUpEnterprisesByTenOrThirteenDigitTaxCode() throws Exception {
        var company = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/0101234567", token);
        var branch = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/0101234567001", token);
        var unknown = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/0199999999", token);
        var malformed = TestHttp.get(ndxp.baseUrl() + "/business-registration/enterprises/01012345", token);

        assertThat(company.status()).isEqualTo(200);
        assertThat(company.json().at("/enterprise/name").asText()).isEqualTo("Công ty TNHH Thử Nghiệm Hà Nội");
        assertThat(company.json().at("/enterprise/status").asText()).isNotBlank();
        assertThat(branch.json().at("/enterprise/taxCode").asText()).isEqualTo("0101234567001");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void populationServiceAnswersACitizenWithBothResidencesAndHouseholdRelation() throws Exception {
        var answer = national(NationalServices.POPULATION, "/cong-dan/001185000002");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("code").asText()).isEqualTo("00");
        assertThat(json.get("message").asText()).isNotBlank();
        JsonNode citizen = json.get("congDan");
        assertThat(citizen.get("soDinhDanh").asText()).isEqualTo("001185000002");
        assertThat(citizen.get("hoTen").asText()).isEqualTo("Trần Thị Bình");
        assertThat(citizen.get("ngaySinh").asText()).isEqualTo("1985-07-02");
        assertThat(citizen.get("gioiTinh").asText()).isEqualTo("Nữ");
        assertThat(citizen.at("/noiThuongTru/diaChi").asText()).contains("Kim Mã");
        assertThat(citizen.at("/noiThuongTru/maDonViHanhChinh").asText()).matches("\\d{5}");
        assertThat(citizen.at("/noiOHienTai/diaChi").asText()).contains("Duy Tân");
        assertThat(citizen.at("/noiOHienTai/maDonViHanhChinh").asText()).matches("\\d{5}");
        assertThat(citizen.get("quanHeVoiChuHo").asText()).isEqualTo("Chủ hộ");
        assertThat(ndxp.nationalCalls("/csdl-dan-cu/1.0")).isEqualTo(1);
    }

    @Test
    void populationServiceAnswersUnknownAndMalformedIdentifiersInTheEnvelope() throws Exception {
        var unknown = national(NationalServices.POPULATION, "/cong-dan/001999999999");
        var malformed = national(NationalServices.POPULATION, "/cong-dan/00109000000A");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("01");
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknown.json().get("message").asText()).contains("dân cư");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(malformed.json().get("message").asText()).contains("12 chữ số");
    }

    @Test
    void businessRegistrationServiceAnswersEnterprisesAndDashedBranchCodes() throws Exception {
        var company = national(NationalServices.BUSINESS_REGISTRATION, "/doanh-nghiep/0101234567");
        var branch = national(NationalServices.BUSINESS_REGISTRATION, "/doanh-nghiep/0101234567-001");
        var unknown = national(NationalServices.BUSINESS_REGISTRATION, "/doanh-nghiep/0199999999");

        assertThat(company.status()).isEqualTo(200);
        JsonNode enterprise = company.json().get("doanhNghiep");
        assertThat(enterprise.get("maSoDoanhNghiep").asText()).isEqualTo("0101234567");
        assertThat(enterprise.get("tenDoanhNghiep").asText()).isEqualTo("Công ty TNHH Thử Nghiệm Hà Nội");
        assertThat(enterprise.get("diaChiTruSo").asText()).contains("Tràng Tiền");
        assertThat(enterprise.get("nguoiDaiDienPhapLuat").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(enterprise.get("ngayDangKy").asText()).isEqualTo("2012-04-10");
        assertThat(enterprise.get("tinhTrang").asText()).isEqualTo("Đang hoạt động");
        assertThat(branch.status()).isEqualTo(200);
        assertThat(branch.json().at("/doanhNghiep/maSoDoanhNghiep").asText()).isEqualTo("0101234567-001");
        assertThat(branch.json().at("/doanhNghiep/tenDoanhNghiep").asText()).startsWith("Chi nhánh");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01012345", "0101234567001", "0101234567-01", "0101234567_001", "010123456X"})
    void businessRegistrationServiceRefusesMalformedCodes(String code) throws Exception {
        var answer = national(NationalServices.BUSINESS_REGISTRATION, "/doanh-nghiep/" + code);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("01");
        assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void socialInsuranceServiceAnswersContributionHistoryAndHealthCard() throws Exception {
        var answer = national(NationalServices.SOCIAL_INSURANCE, "/nguoi-tham-gia/0190000001");
        var resident = national(NationalServices.POPULATION, "/cong-dan/001090000001");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode insured = answer.json().get("nguoiThamGia");
        assertThat(insured.get("maSoBhxh").asText()).isEqualTo("0190000001");
        assertThat(insured.get("hoTen").asText()).isEqualTo(resident.json().at("/congDan/hoTen").asText());
        assertThat(insured.get("ngaySinh").asText()).isEqualTo(resident.json().at("/congDan/ngaySinh").asText());
        JsonNode periods = insured.get("quaTrinhDong");
        assertThat(periods.isArray()).isTrue();
        assertThat(periods.size()).isGreaterThanOrEqualTo(2);
        assertThat(periods.get(1).get("tuThang").asText()).isEqualTo("2018-01");
        assertThat(periods.get(1).get("denThang").asText()).isEqualTo("2020-12");
        assertThat(periods.get(1).get("donVi").asText()).isNotBlank();
        assertThat(insured.at("/theBhyt/soThe").asText()).endsWith("0190000001");
        assertThat(insured.at("/theBhyt/hanTu").asText()).isNotBlank();
        assertThat(insured.at("/theBhyt/hanDen").asText()).isNotBlank();
    }

    @Test
    void socialInsuranceServiceAnswersUnknownAndMalformedNumbersInTheEnvelope() throws Exception {
        var unknown = national(NationalServices.SOCIAL_INSURANCE, "/nguoi-tham-gia/0199999999");
        var malformed = national(NationalServices.SOCIAL_INSURANCE, "/nguoi-tham-gia/001090000001");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/csdl-dan-cu/1.0", "/csdl-dkdn/1.0", "/csdl-bhxh/1.0", "/csdl-vbpl/1.0"})
    void nationalServicesNeedALiveGatewayToken(String context) throws Exception {
        NationalServices.NationalService service = NationalServices.byContext(context).orElseThrow();

        var missing = call(service, sampleResource(service), null, CLIENT, service.address());
        var madeUp = call(service, sampleResource(service), "made-up", CLIENT, service.address());

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("Content-Type")).startsWith("application/json");
        assertThat(missing.json().get("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(madeUp.status()).isEqualTo(401);
        assertThat(call(service, sampleResource(service), token, CLIENT, service.address()).status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "LGSP-HANOI", "VN:GOV:000.00.00.H26", "VN:COM:000.00.00.H26:LGSP"})
    void missingOrMalformedClientAddressIsRefused(String client) throws Exception {
        var answer = call(NationalServices.POPULATION, "/cong-dan/001090000001", token,
                client.isEmpty() ? null : client, NationalServices.POPULATION.address());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("01");
        assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.json().get("message").asText()).contains("X-Road-Client");
    }

    @Test
    void serviceAddressOfAnotherDatabaseIsNotFoundAndNamesTheRightOne() throws Exception {
        var answer = call(NationalServices.POPULATION, "/cong-dan/001090000001", token, CLIENT,
                NationalServices.BUSINESS_REGISTRATION.address());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("code").asText()).isEqualTo("01");
        assertThat(answer.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(answer.json().get("message").asText())
                .contains(NationalServices.POPULATION.address())
                .contains("/csdl-dan-cu/1.0");
    }

    @Test
    void missingOrMalformedServiceAddressIsRefused() throws Exception {
        var missing = call(NationalServices.POPULATION, "/cong-dan/001090000001", token, CLIENT, null);
        var malformed = call(NationalServices.POPULATION, "/cong-dan/001090000001", token, CLIENT, "CSDLQGDC");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(missing.json().get("message").asText()).contains("X-Road-Service");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5918/QĐ-UBND", "13/2023/NĐ-CP", "20/2020/QĐ-TTg"})
    void legalDocumentsServiceAnswersASoapEnvelopeInXml(String number) throws Exception {
        var answer = soap(soapRequest(number));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        Document xml = xml(answer.body());
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo(SOAP);
        assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("Envelope");
        assertThat(xml.getElementsByTagNameNS(VBPL, "TraCuuVanBanResponse").getLength()).isEqualTo(1);
        assertThat(text(xml, "SoKyHieu")).isEqualTo(number);
        assertThat(text(xml, "TrichYeu")).isNotBlank();
        assertThat(text(xml, "CoQuanBanHanh")).isNotBlank();
        assertThat(text(xml, "NgayBanHanh")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(text(xml, "TinhTrangHieuLuc")).isEqualTo("Còn hiệu lực");
    }

    @Test
    void legalDocumentsServiceKnowsThePlatformsOwnDecision() throws Exception {
        Document xml = xml(soap(soapRequest("5918/QĐ-UBND")).body());

        assertThat(text(xml, "TrichYeu")).isEqualTo("Quyết định ban hành Quy chế quản lý, vận hành, sử dụng"
                + " Nền tảng tích hợp, chia sẻ dữ liệu thành phố Hà Nội");
        assertThat(text(xml, "CoQuanBanHanh")).isEqualTo("UBND thành phố Hà Nội");
        assertThat(text(xml, "NgayBanHanh")).isEqualTo("2025-11-27");
        assertThat(ndxp.nationalCalls("/csdl-vbpl/1.0")).isEqualTo(1);
    }

    @Test
    void unknownDocumentNumberIsAClientSoapFault() throws Exception {
        var answer = soap(soapRequest("999/2099/QĐ-XYZ"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        Document xml = xml(answer.body());
        assertThat(xml.getElementsByTagNameNS(SOAP, "Fault").getLength()).isEqualTo(1);
        assertThat(text(xml, "faultcode")).isEqualTo("soap:Client");
        assertThat(text(xml, "faultstring")).contains("Không tìm thấy văn bản").contains("999/2099/QĐ-XYZ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>",
        "không phải XML",
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<TraCuuVanBan xmlns=\"urn:vn:gov:vbpl:1.0\"><SoKyHieu>&x;</SoKyHieu></TraCuuVanBan>"
                + "</soap:Body></soap:Envelope>",
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<TraCuuVanBan><SoKyHieu>5918/QĐ-UBND</SoKyHieu></TraCuuVanBan></soap:Body></soap:Envelope>",
        "<TraCuuVanBan xmlns=\"urn:vn:gov:vbpl:1.0\"><SoKyHieu>5918/QĐ-UBND</SoKyHieu></TraCuuVanBan>"})
    void malformedOrWronglyShapedXmlIsAClientSoapFault(String body) throws Exception {
        var answer = soap(body);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        assertThat(answer.body()).doesNotContain("root:");
        Document xml = xml(answer.body());
        assertThat(text(xml, "faultcode")).isEqualTo("soap:Client");
        assertThat(text(xml, "faultstring")).isNotBlank();
    }

    @Test
    void nationalCallsCountEachContextSeparately() throws Exception {
        national(NationalServices.SOCIAL_INSURANCE, "/nguoi-tham-gia/0190000001");
        national(NationalServices.SOCIAL_INSURANCE, "/nguoi-tham-gia/0199999999");
        TestHttp.get(ndxp.baseUrl() + "/population/citizens/001090000001", token);

        assertThat(ndxp.nationalCalls("/csdl-bhxh/1.0")).isEqualTo(2);
        assertThat(ndxp.nationalCalls("/csdl-dan-cu/1.0")).as("the older endpoint is no national service call")
                .isZero();
        assertThat(ndxp.nationalCalls("/nowhere")).isZero();
    }

    @Test
    void anOrderRelayedThroughNdxpReachesVnpostAndGetsATrackingNumber() throws Exception {
        try (VnpostSimulator vnpost = vnpost(); NdxpSimulator relaying = relayingTo(vnpost)) {
            String relayToken = TestHttp.token(relaying.baseUrl(), KEY, SECRET);

            var accepted = postal(relaying, relayToken, "POST", "/orders", order("HS-R1"));

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
            assertThat(accepted.header("Content-Type")).startsWith("application/json");
            String tracking = accepted.json().get("trackingNumber").asText();
            assertThat(tracking).matches("EH[0-9]{9}VN");
            assertThat(accepted.json().get("feeDong").asLong()).isPositive();
            // VNPost's own refusals come back as VNPost gave them
            Map<String, Object> changed = order("HS-R1");
            changed.put("codAmount", 1_000);
            assertThat(postal(relaying, relayToken, "POST", "/orders", changed).status()).isEqualTo(409);

            // VNPost forgets NDXP's token: NDXP takes a new one and the call still goes through
            vnpost.tokens().expireAll();
            var tracked = postal(relaying, relayToken, "GET", "/orders/" + tracking, null);
            assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
            assertThat(tracked.json().get("status").asText()).isEqualTo("ACCEPTED");

            String application = vnpost.sendApplication(new VnpostSimulator.Application("000.00.61.H26",
                    "1.001193", "application/pdf", new byte[] {1}, null, null));
            var receipt = postal(relaying, relayToken, "POST", "/applications/" + application + "/receipt",
                    Map.of("exchangeId", "EX-R1", "destination", "000.00.61.H26", "receivedAt", Instant.now().toString()));
            assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
            assertThat(vnpost.receiptOf(application)).isPresent();
            assertThat(relaying.nationalCalls(PostalProcess.Ndxp.VNPOST_CONTEXT)).isEqualTo(4);
        }
    }

    @Test
    void vnpostAddressedAsAnotherMemberIsNotFoundAndNamesTheRightOne() throws Exception {
        try (VnpostSimulator vnpost = vnpost(); NdxpSimulator relaying = relayingTo(vnpost)) {
            String relayToken = TestHttp.token(relaying.baseUrl(), KEY, SECRET);

            var answer = postal(relaying, relayToken, "POST", "/orders", order("HS-R2"),
                    NationalServices.POPULATION.address());

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("error").asText()).isEqualTo("NOT_FOUND");
            assertThat(answer.json().get("message").asText()).contains(PostalProcess.Ndxp.VNPOST_SERVICE);
            assertThat(postal(relaying, null, "POST", "/orders", order("HS-R2")).status()).isEqualTo(401);
            assertThat(vnpost.recipientsHeld()).as("nothing reached VNPost").isZero();
        }
    }

    @Test
    void vnpostDownIsABadGatewayAndNoVnpostIsUnavailable() throws Exception {
        try (VnpostSimulator vnpost = vnpost(); NdxpSimulator relaying = relayingTo(vnpost)) {
            String relayToken = TestHttp.token(relaying.baseUrl(), KEY, SECRET);
            vnpost.stop();

            var down = postal(relaying, relayToken, "POST", "/orders", order("HS-R3"));

            assertThat(down.status()).isEqualTo(502);
            assertThat(down.json().get("code").asText()).isEqualTo("01");
            assertThat(down.json().get("error").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(down.json().get("message").asText()).isNotBlank();
        }
        // the NDXP of the other tests was given no VNPost
        var unconfigured = postal(ndxp, token, "POST", "/orders", order("HS-R4"));
        assertThat(unconfigured.status()).isEqualTo(503);
        assertThat(unconfigured.json().get("code").asText()).isEqualTo("01");
    }

    @Test
    void trackingStatesAreRecordedOnceInTheOrderTheyCame() throws Exception {
        var received = track(report("HS-T1", PostalProcess.TrackingStates.RECEIVED));
        var sent = track(report("HS-T1", PostalProcess.TrackingStates.RESULT_SENT));
        var again = track(report("HS-T1", PostalProcess.TrackingStates.RECEIVED));

        assertThat(received.status()).as(received.body()).isEqualTo(200);
        assertThat(received.json().get("duplicate").asBoolean()).isFalse();
        assertThat(sent.json().get("duplicate").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(ndxp.trackingStates("HS-T1")).containsExactly(PostalProcess.TrackingStates.RECEIVED,
                PostalProcess.TrackingStates.RESULT_SENT);
        assertThat(ndxp.trackingStates("HS-T0")).isEmpty();
        var view = TestHttp.get(ndxp.baseUrl() + "/_sim/tracking/HS-T1", null);
        assertThat(TestHttp.JSON.convertValue(view.json().get("states"), List.class))
                .containsExactly(PostalProcess.TrackingStates.RECEIVED, PostalProcess.TrackingStates.RESULT_SENT);
    }

    @Test
    void aBadTrackingReportIsRefusedNamingEveryProblem() throws Exception {
        Map<String, Object> bad = report(" ", "DA_XONG");
        bad.remove("agencyCode");
        bad.put("byPost", false);

        var answer = track(bad);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.json().get("message").asText()).contains("dossierNumber", "agencyCode", "state", "byPost");
        Map<String, Object> noPostFlag = report("HS-T2", PostalProcess.TrackingStates.RESULT_RETURNED);
        noPostFlag.remove("byPost");
        assertThat(track(noPostFlag).status()).isEqualTo(400);
        assertThat(ndxp.trackingStates("HS-T2")).isEmpty();
        // the tracking service is another member's: VNPost's address does not reach it
        var misaddressed = TestHttp.send("POST", ndxp.baseUrl() + PostalProcess.Ndxp.TRACKING_CONTEXT
                + "/ho-so/trang-thai", Map.of("Authorization", "Bearer " + token, "X-Road-Client", CLIENT,
                "X-Road-Service", PostalProcess.Ndxp.VNPOST_SERVICE, "Content-Type", "application/json"),
                TestHttp.JSON.writeValueAsBytes(report("HS-T2", PostalProcess.TrackingStates.RECEIVED)));
        assertThat(misaddressed.status()).isEqualTo(404);
        assertThat(misaddressed.json().get("message").asText()).contains(PostalProcess.Ndxp.TRACKING_SERVICE);
    }

    private static VnpostSimulator vnpost() {
        VnpostSimulator vnpost = new VnpostSimulator(new VnpostSimulator.Config(0, VNPOST_KEY, VNPOST_SECRET,
                Duration.ZERO, () -> "callback-token"));
        vnpost.start();
        return vnpost;
    }

    private NdxpSimulator relayingTo(VnpostSimulator vnpost) {
        NdxpSimulator.VnpostLink link = new NdxpSimulator.VnpostLink(vnpost.baseUrl(), VNPOST_KEY, VNPOST_SECRET);
        NdxpSimulator relaying = new NdxpSimulator(new NdxpSimulator.Config(0, KEY, SECRET,
                () -> lgsp.baseUrl() + "/callbacks/ndxp", () -> "callback-token", Duration.ZERO, () -> link));
        relaying.start();
        return relaying;
    }

    private static TestHttp.Answer postal(NdxpSimulator through, String bearer, String method, String resource,
            Object body) throws Exception {
        return postal(through, bearer, method, resource, body, PostalProcess.Ndxp.VNPOST_SERVICE);
    }

    private static TestHttp.Answer postal(NdxpSimulator through, String bearer, String method, String resource,
            Object body, String addressed) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        headers.put("X-Road-Client", CLIENT);
        headers.put("X-Road-Service", addressed);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return TestHttp.send(method, through.baseUrl() + PostalProcess.Ndxp.VNPOST_CONTEXT + resource, headers,
                body == null ? null : TestHttp.JSON.writeValueAsBytes(body));
    }

    private TestHttp.Answer track(Map<String, Object> report) throws Exception {
        return TestHttp.send("POST", ndxp.baseUrl() + PostalProcess.Ndxp.TRACKING_CONTEXT + "/ho-so/trang-thai",
                Map.of("Authorization", "Bearer " + token, "X-Road-Client", CLIENT,
                        "X-Road-Service", PostalProcess.Ndxp.TRACKING_SERVICE, "Content-Type", "application/json"),
                TestHttp.JSON.writeValueAsBytes(report));
    }

    private static Map<String, Object> report(String dossierNumber, String state) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dossierNumber", dossierNumber);
        report.put("procedureCode", "1.001193");
        report.put("agencyCode", "000.00.61.H26");
        report.put("state", state);
        report.put("byPost", true);
        report.put("trackingNumber", "EH123456785VN");
        report.put("at", "2025-12-01T03:00:00Z");
        return report;
    }

    private Map<String, Object> order(String number) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderNumber", number);
        order.put("agencyCode", "000.00.61.H26");
        order.put("procedureCode", "1.001193");
        order.put("serviceLevel", "STANDARD");
        order.put("recipient", Map.of("name", "Nguyễn Văn An", "phone", "0912345678",
                "address", "Số 12 phố Hàng Bạc", "provinceCode", "01", "wardCode", "00070"));
        order.put("items", List.of(Map.of("name", "Giấy khai sinh (bản chính)", "weightGrams", 50)));
        order.put("codAmount", 0);
        order.put("callbackUrl", lgsp.baseUrl() + "/postal/status");
        return order;
    }

    private TestHttp.Answer national(NationalServices.NationalService service, String resource) throws Exception {
        return call(service, resource, token, CLIENT, service.address());
    }

    private TestHttp.Answer call(NationalServices.NationalService service, String resource, String bearer,
            String client, String addressed) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        if (client != null) {
            headers.put("X-Road-Client", client);
        }
        if (addressed != null) {
            headers.put("X-Road-Service", addressed);
        }
        String url = ndxp.baseUrl() + service.context() + resource;
        if (service == NationalServices.LEGAL_DOCUMENTS) {
            headers.put("Content-Type", "text/xml; charset=utf-8");
            headers.put("SOAPAction", "\"urn:vn:gov:vbpl:1.0/TraCuuVanBan\"");
            return TestHttp.send("POST", url, headers, soapRequest("5918/QĐ-UBND").getBytes(StandardCharsets.UTF_8));
        }
        return TestHttp.send("GET", url, headers, null);
    }

    private TestHttp.Answer soap(String body) throws Exception {
        return TestHttp.send("POST", ndxp.baseUrl() + "/csdl-vbpl/1.0/VanBanService", Map.of(
                "Authorization", "Bearer " + token,
                "X-Road-Client", CLIENT,
                "X-Road-Service", NationalServices.LEGAL_DOCUMENTS.address(),
                "Content-Type", "text/xml; charset=utf-8"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String sampleResource(NationalServices.NationalService service) {
        return switch (service.context()) {
            case "/csdl-dan-cu/1.0" -> "/cong-dan/001090000001";
            case "/csdl-dkdn/1.0" -> "/doanh-nghiep/0109876543";
            case "/csdl-bhxh/1.0" -> "/nguoi-tham-gia/0185000002";
            default -> "/VanBanService";
        };
    }

    private static String soapRequest(String number) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + SOAP + "\"><soapenv:Header/><soapenv:Body>"
                + "<TraCuuVanBan xmlns=\"" + VBPL + "\"><SoKyHieu>" + number + "</SoKyHieu></TraCuuVanBan>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    /** The text of the only element with this local name, whatever its namespace. */
    private static String text(Document xml, String localName) {
        NodeList found = xml.getElementsByTagNameNS("*", localName);
        assertThat(found.getLength()).as(localName).isEqualTo(1);
        return found.item(0).getTextContent();
    }

    private static Map<String, Object> message(String messageId, String text) {
        return message(messageId, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> message(String messageId, byte[] content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("from", "VN:GOV:000.00.00.H26:LGSP");
        body.put("to", "VN:GOV:000.00.12.H26:MOTCUA");
        body.put("procedureCode", "1.001234");
        body.put("contentType", "application/pdf");
        body.put("content", TestHttp.base64(content));
        body.put("sha256", TestHttp.sha256(content));
        return body;
    }
}
