package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-01 and R-25 (Đ7.1, Đ5) on the real stack: an analyst deploys, with the token Camunda Modeler
 * sends, a new procedure of three agencies (the ward, the Department of Justice, a central body
 * through NDXP) made only of BPMN, a form and a DMN table; it runs nowhere in production until a
 * DOST leader other than the analyst approves it; the ward's system then starts cases that run
 * across the simulators, and a refusal comes back to the ward's staff with its reason. Constructs
 * that run code are refused on every deployment path, each named; a changed routing table goes
 * through its test cases and approval before it routes production records.
 */
class AnalystProcedureTest extends PlatformTest {

    private static final String KEY = "lien-thong-ba-co-quan";
    private static final String WARD = "000.00.61.H26";
    private static final String JUSTICE = "000.00.13.H26";
    private static final String CENTRAL = "000.00.00.G22";
    private static final Keycloak.Client WARD_SYSTEM = new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD);

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
    org.camunda.bpm.engine.HistoryService history;
    @Autowired
    Simulators simulators;

    @Test
    void aNewThreeAgencyProcedureRunsInProductionOnlyOnceALeaderApprovedIt() throws Exception {
        String ward = keycloak.clientToken(WARD_SYSTEM);
        String deployment = desk().deployed(keycloak.staffToken("analyst"), KEY, procedureFiles());

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
        assertThat(desk().submit(keycloak.staffToken("analyst"), review.getId(),
                Map.of("decision", "APPROVE")).statusCode()).isIn(403, 404);
        assertThatThrownBy(() -> releases.approve(deployment, "analyst", null))
                .hasMessageContaining("bốn mắt");
        HttpResponse<String> approved = desk().submit(keycloak.staffToken("leader"), review.getId(),
                Map.of("decision", "APPROVE", "decisionNote", "Đã chạy thử"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(releases.find(deployment).orElseThrow().state()).isEqualTo(ModelReleases.State.APPROVED);

        // the ward's staff may start a case from Tasklist too (its start form; no documents), the staff of another agency not
        HttpResponse<String> fromTasklist = desk().startInTasklist(keycloak.staffToken("staff.hk"), KEY,
                Map.of("caseNumber", "HK-TL-0001", "loaiHoSo", "KHAC"));
        assertThat(fromTasklist.statusCode()).as(fromTasklist.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select started_by from lgsp.procedure_case where case_number = 'HK-TL-0001'",
                String.class)).isEqualTo("staff.hk");
        assertThat(ProcedureDesk.await(() -> tasks.createTaskQuery()
                .processVariableValueEquals("caseNumber", "HK-TL-0001").taskCandidateUser("staff.hk").count(),
                n -> n == 1, Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(desk().startInTasklist(keycloak.staffToken("staff.hk"), KEY,
                Map.of("caseNumber", "HK-TL-0001")).statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(desk().startInTasklist(keycloak.staffToken("staff.stp"), KEY,
                Map.of("caseNumber", "STP-TL-0001")).statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.procedure_case where case_number = 'STP-TL-0001'",
                Integer.class)).isZero();

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
        JsonNode done = ProcedureDesk.await(() -> api.get("/api/v1/procedures/cases/" + caseId, ward).body(),
                c -> "COMPLETED".equals(c.path("status").asText()), Duration.ofSeconds(90));
        List<String> agencies = done.path("steps").findValuesAsText("agency");
        assertThat(agencies).contains(WARD, JUSTICE, CENTRAL);
        assertThat(done.path("steps").findValuesAsText("outcome")).doesNotContain("REFUSED", "UNDELIVERABLE")
                .contains("PROCESSED", "REQUESTED", "SENT");
        // the national population database was asked as the ward would ask it: its grant, the journal, the mapped answer
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(
                jdbc.queryForObject("select process_instance_id from lgsp.procedure_case where id = ?::uuid", String.class, caseId))
                .variableName("ketQuaTraCuu").singleResult().getValue()).isEqualTo("00");
        assertThat(jdbc.queryForObject("""
                select count(*) from lgsp.audit_journal where agency_code = ? and actor like 'lgsp-thu-tuc-%'
                   and target like 'csdl-dan-cu%' and outcome = '00'""", Integer.class, WARD)).isGreaterThanOrEqualTo(1);
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
            JsonNode sent = ProcedureDesk.await(() -> api.get("/api/v1/procedures/cases/" + refusedCase, ward).body(),
                    c -> c.path("steps").findValuesAsText("agency").contains(JUSTICE), Duration.ofSeconds(60));
            String exchangeId = null;
            for (JsonNode step : sent.path("steps")) {
                if (JUSTICE.equals(step.path("agency").asText())) {
                    exchangeId = step.path("reference").asText();
                }
            }
            String exchange = exchangeId;
            ProcedureDesk.await(() -> justice.deliveries(exchange), n -> n == 1, Duration.ofSeconds(60));
            justice.postResult(exchange, "01", "Thiếu bản sao giấy chứng sinh");
            Task refusal = ProcedureDesk.await(() -> tasks.createTaskQuery().processInstanceBusinessKey("HK-0002")
                    .taskName("Xử lý hồ sơ bị từ chối").singleResult(), t -> t != null, Duration.ofSeconds(60));
            assertThat(tasks.getVariable(refusal.getId(), "lyDoTuChoi")).isEqualTo("Thiếu bản sao giấy chứng sinh");
            assertThat(tasks.createTaskQuery().taskId(refusal.getId()).taskCandidateUser("staff.hk").count()).isEqualTo(1);
        } finally {
            justice.setAutoResult(true);
        }
    }

    @Test
    void constructsThatRunCodeAreRefusedOnEveryDeploymentPathWithTheirElementNamed() throws Exception {
        String analyst = keycloak.staffToken("analyst");
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("Task_Script", "<bpmn:scriptTask id=\"Task_Script\" name=\"Tính lệ phí\" scriptFormat=\"groovy\">"
                + "<bpmn:script>1</bpmn:script></bpmn:scriptTask>");
        refused.put("Task_Class", "<bpmn:serviceTask id=\"Task_Class\" camunda:class=\"java.lang.Object\" />");
        refused.put("Task_Delegate", "<bpmn:serviceTask id=\"Task_Delegate\" camunda:delegateExpression=\"${keycloakAdmin}\" />");
        refused.put("Task_Listener", "<bpmn:task id=\"Task_Listener\"><bpmn:extensionElements>"
                + "<camunda:executionListener event=\"start\" expression=\"${x}\" /></bpmn:extensionElements></bpmn:task>");
        refused.put("Task_TaskListener", "<bpmn:userTask id=\"Task_TaskListener\" camunda:candidateGroups=\"dost-operators\">"
                + "<bpmn:extensionElements><camunda:taskListener event=\"create\" expression=\"${x}\" />"
                + "</bpmn:extensionElements></bpmn:userTask>");
        refused.put("Flow_Method", "<bpmn:sequenceFlow id=\"Flow_Method\" sourceRef=\"Start\" targetRef=\"End\">"
                + "<bpmn:conditionExpression>${approved.toString() == 'true'}</bpmn:conditionExpression></bpmn:sequenceFlow>"
                + "<bpmn:endEvent id=\"End\" />");
        refused.put("Flow_Bean", "<bpmn:sequenceFlow id=\"Flow_Bean\" sourceRef=\"Start\" targetRef=\"End\">"
                + "<bpmn:conditionExpression>${jdbcTemplate != null}</bpmn:conditionExpression></bpmn:sequenceFlow>"
                + "<bpmn:endEvent id=\"End\" />");
        refused.put("Task_Topic", "<bpmn:serviceTask id=\"Task_Topic\" camunda:type=\"external\" camunda:topic=\"ndxp-send\" />");
        refused.put("Task_Group", "<bpmn:userTask id=\"Task_Group\" camunda:candidateGroups=\"camunda-admins\" />");
        refused.put("Task_FormKey", "<bpmn:userTask id=\"Task_FormKey\" camunda:candidateGroups=\"dost-operators\" "
                + "camunda:formKey=\"embedded:app:forms/x.html\" />");
        for (var construct : refused.entrySet()) {
            String key = "co-ma-" + UUID.randomUUID().toString().substring(0, 8);
            String model = ProcedureDesk.procedure(key, construct.getValue());
            HttpResponse<String> rest = desk().deploy(analyst, key, Map.of(key + ".bpmn", model.getBytes(StandardCharsets.UTF_8)));
            assertThat(rest.statusCode()).as(construct.getKey() + ": " + rest.body()).isEqualTo(400);
            assertThat(rest.body()).contains("\"code\":\"01\"").contains(construct.getKey());
            // the engine checks too: a person deploying through the Java API (as the web apps and plug-ins do)
            identity.setAuthentication("analyst", List.of("process-analysts"));
            try {
                assertThatThrownBy(() -> repository.createDeployment().name(key).addString(key + ".bpmn", model).deploy())
                        .as(construct.getKey()).isInstanceOf(ParseException.class).hasMessageContaining(construct.getKey());
            } finally {
                identity.clearAuthentication();
            }
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        }
        // the name is there too, for the analyst to find the element in Modeler
        String named = ProcedureDesk.procedure("co-ten", refused.get("Task_Script"));
        assertThat(desk().deploy(analyst, "co-ten", Map.of("co-ten.bpmn", named.getBytes(StandardCharsets.UTF_8))).body())
                .contains("Tính lệ phí");
    }

    @Test
    void aChangedRoutingTableRoutesProductionRecordsOnlyAfterItsTestCasesPassAndALeaderApproves() throws Exception {
        String table;
        try (InputStream in = getClass().getResourceAsStream("/dmn/exchange-routing.dmn")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int before = releases.productionVersion("exchange-routing");

        // central bodies routed LOCAL: the table's own test cases catch it, and no leader can approve it
        String broken = table.replace("<outputEntry id=\"r3-route\"><text>\"NDXP\"</text></outputEntry>",
                "<outputEntry id=\"r3-route\"><text>\"LOCAL\"</text></outputEntry>");
        assertThat(broken).isNotEqualTo(table);
        String brokenDeployment = desk().deployed(keycloak.staffToken("analyst"), "routing-broken",
                Map.of("exchange-routing.dmn", broken.getBytes(StandardCharsets.UTF_8)));
        assertThat(releases.find(brokenDeployment).orElseThrow().checksPassed()).isFalse();
        Task brokenReview = tasks.createTaskQuery().processInstanceBusinessKey(brokenDeployment).singleResult();
        assertThat((String) tasks.getVariable(brokenReview.getId(), "summaryText")).contains("Cơ quan trung ương");
        HttpResponse<String> refused = desk().submit(keycloak.staffToken("leader"), brokenReview.getId(), Map.of("decision", "APPROVE"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(releases.productionVersion("exchange-routing")).isEqualTo(before);

        // a longer deadline for other provinces' People's Councils passes the test cases; production keeps the old
        // table until approval
        String longer = table.replace("<outputEntry id=\"r5-deadline\"><text>120</text></outputEntry>",
                "<outputEntry id=\"r5-deadline\"><text>144</text></outputEntry>");
        assertThat(longer).isNotEqualTo(table);
        String good = desk().deployed(keycloak.staffToken("analyst"), "routing-longer",
                Map.of("exchange-routing.dmn", longer.getBytes(StandardCharsets.UTF_8)));
        assertThat(releases.find(good).orElseThrow().checksPassed()).isTrue();
        assertThat(releases.productionVersion("exchange-routing")).isEqualTo(before);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(good).singleResult();
        assertThat(desk().submit(keycloak.staffToken("leader"), review.getId(), Map.of("decision", "APPROVE")).statusCode())
                .isEqualTo(204);
        int after = releases.productionVersion("exchange-routing");
        assertThat(after).isGreaterThan(before);
        assertThat(repository.createDecisionDefinitionQuery().deploymentId(good).singleResult().getVersion()).isEqualTo(after);

        // DOST goes back to the platform's own table; an analyst may not, nor may a version never approved come back
        assertThat(api.postJson("/api/v1/procedures/exchange-routing/production", keycloak.staffToken("analyst"),
                Map.of("kind", "DECISION", "version", before)).status()).isEqualTo(403);
        int brokenVersion = repository.createDecisionDefinitionQuery().deploymentId(brokenDeployment).singleResult().getVersion();
        assertThat(api.postJson("/api/v1/procedures/exchange-routing/production", keycloak.staffToken("leader"),
                Map.of("kind", "DECISION", "version", brokenVersion)).status()).isEqualTo(400);
        Api.Reply back = api.postJson("/api/v1/procedures/exchange-routing/production", keycloak.staffToken("leader"),
                Map.of("kind", "DECISION", "version", before));
        assertThat(back.status()).as(back.raw().body()).isEqualTo(200);
        assertThat(releases.productionVersion("exchange-routing")).isEqualTo(before);
    }

    // ---- helpers ----

    private ProcedureDesk desk() {
        return new ProcedureDesk(baseUrl());
    }

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
        return Map.of("caseNumber", caseNumber, "data", Map.of("loaiHoSo", kind, "soDinhDanh", "001090000001"),
                "documents", List.of(ProcedureDesk.document("to-khai", "application/json", form),
                        ProcedureDesk.document("giay-chung-sinh", "text/plain", birth)));
    }

    private void completeWardCheck(Keycloak keycloak, String caseNumber) throws Exception {
        Task check = ProcedureDesk.await(() -> tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskName("Kiểm tra hồ sơ")
                .singleResult(), t -> t != null, Duration.ofSeconds(30));
        assertThat(tasks.createTaskQuery().taskId(check.getId()).taskCandidateUser("staff.hk").count()).isEqualTo(1);
        assertThat(check.getDueDate()).isAfter(java.util.Date.from(Instant.now()));
        HttpResponse<String> done = desk().submit(keycloak.staffToken("staff.hk"), check.getId(),
                Map.of("ketLuan", "HOP_LE", "ghiChu", "Đủ thành phần"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

}
