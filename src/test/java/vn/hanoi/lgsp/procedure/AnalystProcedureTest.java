package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * Issue 24 on the real stack: an analyst deploys, with the token Camunda Modeler sends, a new
 * procedure of three agencies (the ward, the Department of Justice, a central body through NDXP)
 * made only of BPMN, a form and a DMN table; it runs nowhere in production until a DOST leader
 * other than the analyst approves it; the ward's system then starts cases that run across the
 * simulators, and a refusal comes back to the ward's staff with its reason. Constructs that run
 * code are refused on every deployment path, each named; a changed routing table goes through its
 * test cases and approval before it routes production records.
 */
class AnalystProcedureTest extends PlatformTest {

    private static final String KEY = "lien-thong-ba-co-quan";
    private static final String WARD = "000.00.61.H26";
    private static final String JUSTICE = "000.00.13.H26";
    private static final String CENTRAL = "000.00.00.G22";
    private static final Keycloak.Client WARD_SYSTEM = new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${lgsp.keycloak.url}")
    String keycloakUrl;
    @Autowired
    RepositoryService repository;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ModelReleases releases;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Simulators simulators;

    @Test
    void aNewThreeAgencyProcedureRunsInProductionOnlyOnceALeaderApprovedIt() throws Exception {
        Keycloak keycloak = new Keycloak(keycloakUrl);
        Api api = new Api(baseUrl());
        String ward = keycloak.clientToken(WARD_SYSTEM);
        String deployment = deployed(keycloak.staffToken("analyst"), KEY, procedureFiles());

        assertThat(releases.find(deployment)).get().extracting(ModelReleases.Release::state)
                .isEqualTo(ModelReleases.State.TESTING);
        Api.Reply notYet = api.postJson("/api/v1/procedures/" + KEY + "/cases", ward, startRequest("HK-0001", "KHAI_SINH"));
        assertThat(notYet.status()).as(notYet.raw().body()).isEqualTo(404);
        assertThat(notYet.code()).isEqualTo("01");
        assertThat(notYet.message()).contains("no version approved for production");

        // the analyst tries the version under review as the ward would: a test case
        Api.Reply tried = api.postJson("/api/v1/procedures/" + KEY + "/cases", keycloak.staffToken("analyst"),
                startRequest("HK-TEST-1", "KHAI_SINH"));
        assertThat(tried.status()).as(tried.raw().body()).isEqualTo(202);
        assertThat(tried.body().path("environment").asText()).isEqualTo("TEST");

        // the review: the analyst cannot take it, the leader approves
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(deployment).singleResult();
        assertThat(review.getName()).isEqualTo("Phê duyệt đưa mô hình vào vận hành");
        assertThat(submit(keycloak.staffToken("analyst"), review.getId(),
                Map.of("decision", "APPROVE")).statusCode()).isIn(403, 404);
        assertThatThrownBy(() -> releases.approve(deployment, "analyst", null))
                .hasMessageContaining("bốn mắt");
        HttpResponse<String> approved = submit(keycloak.staffToken("leader"), review.getId(),
                Map.of("decision", "APPROVE", "decisionNote", "Đã chạy thử"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(releases.find(deployment).orElseThrow().state()).isEqualTo(ModelReleases.State.APPROVED);

        // started by the ward's system, once per case number
        Map<String, Object> byPost = new LinkedHashMap<>(startRequest("HK-0001", "KHAI_SINH"));
        byPost.put("postal", Map.of("name", "Nguyễn Văn An", "phone", "0912345678", "address", "Số 12 phố Hàng Bạc",
                "provinceCode", "01", "wardCode", "00070"));
        Api.Reply started = api.postJson("/api/v1/procedures/" + KEY + "/cases", ward, byPost);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        assertThat(started.body().path("environment").asText()).isEqualTo("PRODUCTION");
        String caseId = started.body().path("caseId").asText();
        Api.Reply again = api.postJson("/api/v1/procedures/" + KEY + "/cases", ward, byPost);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("caseId").asText()).isEqualTo(caseId);
        Api.Reply other = api.postJson("/api/v1/procedures/" + KEY + "/cases", ward, startRequest("HK-0001", "KHAI_TU"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(api.postJson("/api/v1/procedures/" + KEY + "/cases", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM),
                startRequest("STP-0001", "KHAI_SINH")).status()).isEqualTo(403);

        // the ward's staff check the dossier in Tasklist, then the record goes to Justice and through NDXP
        completeWardCheck(keycloak, "HK-0001");
        JsonNode done = await(() -> api.get("/api/v1/procedures/cases/" + caseId, ward).body(),
                c -> "COMPLETED".equals(c.path("status").asText()), Duration.ofSeconds(90));
        List<String> agencies = done.path("steps").findValuesAsText("agency");
        assertThat(agencies).contains(WARD, JUSTICE, CENTRAL);
        assertThat(done.path("steps").findValuesAsText("outcome")).doesNotContain("REFUSED", "UNDELIVERABLE")
                .contains("PROCESSED", "REQUESTED", "SENT");
        // the result travels by post: one shipment for the dossier, ordered on behalf of the ward
        assertThat(jdbc.queryForObject("select count(*) from lgsp.postal_shipment where agency_code = ? and dossier_number = ?",
                Integer.class, WARD, "HK-0001")).isEqualTo(1);

        // the agencies that take part read the case; another agency does not see it
        assertThat(api.get("/api/v1/procedures/cases/" + caseId, keycloak.clientToken(Keycloak.JUSTICE_SYSTEM)).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/procedures/cases/" + caseId, keycloak.clientToken(Keycloak.DOST_SYSTEM)).status())
                .isEqualTo(404);
        // nothing of the dossier stays once the case ended
        assertThat(jdbc.queryForObject("select count(*) from lgsp.procedure_case_document where case_id = ?::uuid",
                Integer.class, caseId)).isZero();

        // a refusal by the Department of Justice comes back to the ward's staff with its reason
        AgencySystemSimulator justice = simulators.agency(JUSTICE).orElseThrow();
        justice.setAutoResult(false);
        try {
            String refusedCase = api.postJson("/api/v1/procedures/" + KEY + "/cases", ward,
                    startRequest("HK-0002", "KHAI_SINH")).body().path("caseId").asText();
            completeWardCheck(keycloak, "HK-0002");
            JsonNode sent = await(() -> api.get("/api/v1/procedures/cases/" + refusedCase, ward).body(),
                    c -> c.path("steps").findValuesAsText("agency").contains(JUSTICE), Duration.ofSeconds(60));
            String exchangeId = null;
            for (JsonNode step : sent.path("steps")) {
                if (JUSTICE.equals(step.path("agency").asText())) {
                    exchangeId = step.path("reference").asText();
                }
            }
            String exchange = exchangeId;
            await(() -> justice.deliveries(exchange), n -> n == 1, Duration.ofSeconds(60));
            justice.postResult(exchange, "01", "Thiếu bản sao giấy chứng sinh");
            Task refusal = await(() -> tasks.createTaskQuery().processInstanceBusinessKey("HK-0002")
                    .taskName("Xử lý hồ sơ bị từ chối").singleResult(), t -> t != null, Duration.ofSeconds(60));
            assertThat(tasks.getVariable(refusal.getId(), "lyDoTuChoi")).isEqualTo("Thiếu bản sao giấy chứng sinh");
            assertThat(tasks.createTaskQuery().taskId(refusal.getId()).taskCandidateUser("staff.hk").count()).isEqualTo(1);
        } finally {
            justice.setAutoResult(true);
        }
    }

    @Test
    void constructsThatRunCodeAreRefusedOnEveryDeploymentPathWithTheirElementNamed() throws Exception {
        String analyst = new Keycloak(keycloakUrl).staffToken("analyst");
        String key = "co-ma-" + UUID.randomUUID().toString().substring(0, 8);
        String script = model(key, "<bpmn:scriptTask id=\"Task_Script\" name=\"Tính lệ phí\" scriptFormat=\"groovy\">"
                + "<bpmn:script>1</bpmn:script></bpmn:scriptTask>");
        HttpResponse<String> rest = deploy(analyst, key, Map.of(key + ".bpmn", script.getBytes(StandardCharsets.UTF_8)));
        assertThat(rest.statusCode()).isEqualTo(400);
        assertThat(rest.body()).contains("\"code\":\"01\"").contains("Task_Script").contains("Tính lệ phí");

        // the engine checks too: a person deploying through the Java API (as the web apps do) is refused the same way
        identity.setAuthentication("analyst", List.of("process-analysts"));
        try {
            assertThatThrownBy(() -> repository.createDeployment().name(key).addString(key + ".bpmn", script).deploy())
                    .isInstanceOf(ParseException.class).hasMessageContaining("Task_Script");
            String listener = model(key, "<bpmn:task id=\"Task_Listener\"><bpmn:extensionElements>"
                    + "<camunda:executionListener event=\"start\" expression=\"${keycloakAdmin.deleteUser('x')}\" />"
                    + "</bpmn:extensionElements></bpmn:task>");
            assertThatThrownBy(() -> repository.createDeployment().name(key).addString(key + ".bpmn", listener).deploy())
                    .isInstanceOf(ParseException.class).hasMessageContaining("Task_Listener");
        } finally {
            identity.clearAuthentication();
        }
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void aChangedRoutingTableRoutesProductionRecordsOnlyAfterItsTestCasesPassAndALeaderApproves() throws Exception {
        Keycloak keycloak = new Keycloak(keycloakUrl);
        String table;
        try (InputStream in = getClass().getResourceAsStream("/dmn/exchange-routing.dmn")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int before = releases.productionVersion("exchange-routing");

        // central bodies routed LOCAL: the table's own test cases catch it, and no leader can approve it
        String broken = table.replace("<outputEntry id=\"r3-route\"><text>\"NDXP\"</text></outputEntry>",
                "<outputEntry id=\"r3-route\"><text>\"LOCAL\"</text></outputEntry>");
        assertThat(broken).isNotEqualTo(table);
        String brokenDeployment = deployed(keycloak.staffToken("analyst"), "routing-broken",
                Map.of("exchange-routing.dmn", broken.getBytes(StandardCharsets.UTF_8)));
        assertThat(releases.find(brokenDeployment).orElseThrow().checksPassed()).isFalse();
        Task brokenReview = tasks.createTaskQuery().processInstanceBusinessKey(brokenDeployment).singleResult();
        assertThat((String) tasks.getVariable(brokenReview.getId(), "summaryText")).contains("Cơ quan trung ương");
        HttpResponse<String> refused = submit(keycloak.staffToken("leader"), brokenReview.getId(), Map.of("decision", "APPROVE"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(releases.productionVersion("exchange-routing")).isEqualTo(before);

        // a longer deadline for other provinces passes the test cases; production keeps the old table until approval
        String longer = table.replace("<outputEntry id=\"r4-deadline\"><text>120</text></outputEntry>",
                "<outputEntry id=\"r4-deadline\"><text>144</text></outputEntry>");
        String good = deployed(keycloak.staffToken("analyst"), "routing-longer",
                Map.of("exchange-routing.dmn", longer.getBytes(StandardCharsets.UTF_8)));
        assertThat(releases.find(good).orElseThrow().checksPassed()).isTrue();
        assertThat(releases.productionVersion("exchange-routing")).isEqualTo(before);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(good).singleResult();
        assertThat(submit(keycloak.staffToken("leader"), review.getId(), Map.of("decision", "APPROVE")).statusCode())
                .isEqualTo(204);
        int after = releases.productionVersion("exchange-routing");
        assertThat(after).isGreaterThan(before);
        assertThat(repository.createDecisionDefinitionQuery().deploymentId(good).singleResult().getVersion()).isEqualTo(after);

        // DOST goes back to the platform's own table
        releases.reactivate("DECISION", "exchange-routing", before, "leader");
        assertThat(releases.productionVersion("exchange-routing")).isEqualTo(before);
    }

    // ---- helpers ----

    private static Map<String, byte[]> procedureFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of("lien-thong-ba-co-quan.bpmn", "chon-co-quan.dmn", "kiem-tra-ho-so.form", "xu-ly-tu-choi.form")) {
            try (InputStream in = AnalystProcedureTest.class.getResourceAsStream("/procedures/ba-co-quan/" + name)) {
                files.put(name, in.readAllBytes());
            }
        }
        return files;
    }

    private static Map<String, Object> startRequest(String caseNumber, String kind) {
        byte[] form = ("{\"hoTenTre\":\"Nguyễn Minh An\",\"ngaySinh\":\"2026-11-30\",\"loai\":\"" + kind + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] birth = "Giấy chứng sinh số 123/2026".getBytes(StandardCharsets.UTF_8);
        return Map.of("caseNumber", caseNumber, "data", Map.of("loaiHoSo", kind),
                "documents", List.of(document("to-khai", "application/json", form),
                        document("giay-chung-sinh", "text/plain", birth)));
    }

    private static Map<String, String> document(String name, String type, byte[] content) {
        return Map.of("name", name, "contentType", type, "content", Base64.getEncoder().encodeToString(content),
                "sha256", PlatformModels.sha256(content));
    }

    private void completeWardCheck(Keycloak keycloak, String caseNumber) throws Exception {
        Task check = await(() -> tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskName("Kiểm tra hồ sơ")
                .singleResult(), t -> t != null, Duration.ofSeconds(30));
        assertThat(tasks.createTaskQuery().taskId(check.getId()).taskCandidateUser("staff.hk").count()).isEqualTo(1);
        assertThat(check.getDueDate()).isAfter(java.util.Date.from(Instant.now()));
        HttpResponse<String> done = submit(keycloak.staffToken("staff.hk"), check.getId(),
                Map.of("ketLuan", "HOP_LE", "ghiChu", "Đủ thành phần"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** What Tasklist sends when staff submit a task's form. */
    private HttpResponse<String> submit(String token, String taskId, Map<String, Object> values) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/task/" + taskId + "/submit-form"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String deployed(String token, String name, Map<String, byte[]> files) throws Exception {
        HttpResponse<String> answer = deploy(token, name, files);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("id").asText();
    }

    /** What Camunda Modeler's deploy dialog sends: a multipart deployment with every file of the diagram. */
    private HttpResponse<String> deploy(String token, String name, Map<String, byte[]> files) throws Exception {
        String boundary = "lgsp-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\n"
                + "Camunda Modeler\r\n").getBytes(StandardCharsets.UTF_8));
        for (var file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/deployment/create"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String model(String key, String elements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://lgsp.hanoi.gov.vn/bpmn">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:extensionElements><camunda:properties>
                      <camunda:property name="lgsp.owner" value="000.00.61.H26" />
                    </camunda:properties></bpmn:extensionElements>
                    <bpmn:startEvent id="Start" />
                    %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, elements);
    }

    private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done, Duration timeout)
            throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("still not there after " + timeout + ": " + value);
            }
            Thread.sleep(250);
            value = read.get();
        }
        return value;
    }
}
