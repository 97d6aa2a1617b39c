package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.StaffBrowser;
import org.openqa.selenium.By;

/**
 * R-01 (Đ7.1): one case of each liên thông procedure of Decree 63/2024 on the real stack, as the
 * city would run them: the analyst deploys the files of {@code procedures/nghi-dinh-63/}, a DOST
 * leader approves them, the Hoàn Kiếm ward's system hands in the cases, its staff check them, and
 * the Department of Justice's system, the police and Social Insurance (through NDXP) settle them.
 * The police refuse a newborn's residence when the declaration gives no address, and the ward's
 * staff get the case back with that reason.
 */
class Decree63EndToEndTest extends PlatformTest {

    private static final Keycloak.Client WARD_SYSTEM = new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025",
            "000.00.61.H26");
    private static final String POLICE = "000.00.00.G01";
    private static final String INSURANCE = "000.00.21.G12";

    @Autowired
    TaskService tasks;

    @Test
    void aBirthAndADeathAreEachSettledByEveryAgencyFromOneFiling() throws Exception {
        ProcedureDesk desk = new ProcedureDesk(baseUrl());
        String analyst = keycloak.staffToken("analyst");
        for (String folder : List.of("khai-sinh", "khai-tu")) {
            String deployment = desk.deployed(analyst, "nghi-dinh-63-" + folder,
                    ProcedureDesk.files(Path.of("procedures", "nghi-dinh-63", folder)));
            Task review = tasks.createTaskQuery().processInstanceBusinessKey(deployment).singleResult();
            assertThat(desk.submit(keycloak.staffToken("leader"), review.getId(), Map.of("decision", "APPROVE"))
                    .statusCode()).isEqualTo(204);
        }
        String ward = keycloak.clientToken(WARD_SYSTEM);
        String newborn = "{\"hoTen\":\"Nguyễn Minh An\",\"ngaySinh\":\"" + LocalDate.now().minusMonths(1)
                + "\",\"gioiTinh\":\"Nam\",\"noiThuongTru\":\"Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội\"}";

        String birth = start(api, ward, "lien-thong-khai-sinh", "KS-0001", newborn, Map.of("daCoTheBhyt", false));
        checkedByWardStaff(desk, keycloak, "KS-0001");
        JsonNode born = settled(api, ward, birth);
        assertThat(born.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(outcomeAt(born, POLICE)).isEqualTo("PROCESSED");
        assertThat(outcomeAt(born, INSURANCE)).isEqualTo("PROCESSED");
        assertThat(outcomeAt(born, "000.00.13.H26")).isEqualTo("PROCESSED");

        String deceased = "{\"hoTen\":\"Trần Văn Bình\",\"ngayMat\":\"" + LocalDate.now().minusDays(3)
                + "\",\"soDinhDanh\":\"001060000123\",\"maSoBHXH\":\"0101234567\"}";
        String death = start(api, ward, "lien-thong-khai-tu", "KT-0001", deceased, Map.of("coThamGiaBhxh", true));
        checkedByWardStaff(desk, keycloak, "KT-0001");
        JsonNode died = settled(api, ward, death);
        assertThat(died.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(outcomeAt(died, POLICE)).isEqualTo("PROCESSED");
        assertThat(outcomeAt(died, INSURANCE)).isEqualTo("PROCESSED");

        // no address of permanent residence: the police refuse, the ward's staff get the case back with the reason
        String homeless = newborn.replace(",\"noiThuongTru\":\"Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội\"", "");
        start(api, ward, "lien-thong-khai-sinh", "KS-0002", homeless, Map.of("daCoTheBhyt", false));
        checkedByWardStaff(desk, keycloak, "KS-0002");
        Task refused = ProcedureDesk.await(() -> tasks.createTaskQuery().processInstanceBusinessKey("KS-0002")
                .taskDefinitionKey("Task_Refused").singleResult(), t -> t != null, Duration.ofSeconds(90));
        assertThat((String) tasks.getVariable(refused.getId(), "lyDoTuChoi")).contains("Thiếu địa chỉ đăng ký thường trú");
        assertThat(tasks.createTaskQuery().taskId(refused.getId()).taskCandidateUser("staff.hk").count()).isEqualTo(1);

        // a supervisor follows the cases in Cockpit: every agency's step and how long it took, no content
        try (StaffBrowser browser = new StaffBrowser()) {
            browser.driver().get(baseUrl() + "/camunda/app/cockpit/");
            browser.logIn("supervisor");
            browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-lgsp-panel=overview]")).isEmpty());
            browser.driver().get(baseUrl() + "/camunda/app/cockpit/default/#/lgsp/lien-thong");
            browser.waiting().until(d -> d.findElements(By.cssSelector("tr[data-lgsp-row=procedure-case]")).size() >= 3);
            assertThat(browser.driver().findElement(By.cssSelector("[data-lgsp-panel=procedure-cases]")).getText())
                    .contains("KS-0001", "KT-0001", "KS-0002", "Ủy ban nhân dân phường Hoàn Kiếm");
            browser.driver().get(baseUrl() + "/camunda/app/cockpit/default/#/lgsp/lien-thong?id=" + birth);
            browser.waiting().until(d -> d.findElements(By.cssSelector("tr[data-lgsp-row=case-step]")).size() >= 5);
            String timeline = browser.driver().findElement(By.cssSelector("[data-lgsp-case='" + birth + "']")).getText();
            assertThat(timeline).contains("Bộ Công an", "Bảo hiểm xã hội Việt Nam", "Sở Tư pháp", "Đã xử lý", "Hoàn thành")
                    .doesNotContain("Nguyễn Minh An");
        }
        // an agency's own staff see only the cases their agency takes part in
        Api.Reply justiceStaff = api.get("/api/v1/monitoring/procedure-cases", keycloak.staffToken("staff.stp"));
        assertThat(justiceStaff.status()).isEqualTo(200);
        assertThat(justiceStaff.body().path("cases").findValuesAsText("caseNumber")).contains("KS-0001", "KT-0001");
    }

    private static String start(Api api, String ward, String key, String caseNumber, String declaration,
                                Map<String, Object> data) {
        byte[] form = declaration.getBytes(StandardCharsets.UTF_8);
        byte[] certificate = ("Giấy tờ kèm theo hồ sơ " + caseNumber).getBytes(StandardCharsets.UTF_8);
        Api.Reply started = api.postJson("/api/v1/procedures/" + key + "/cases", ward, Map.of("caseNumber", caseNumber,
                "data", data, "documents", List.of(ProcedureDesk.document("to-khai", "application/json", form),
                        ProcedureDesk.document("giay-chung-sinh", "text/plain", certificate),
                        ProcedureDesk.document("giay-bao-tu", "text/plain", certificate))));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        assertThat(started.body().path("environment").asText()).isEqualTo("PRODUCTION");
        return started.body().path("caseId").asText();
    }

    private void checkedByWardStaff(ProcedureDesk desk, Keycloak keycloak, String caseNumber) throws Exception {
        Task check = ProcedureDesk.await(() -> tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskDefinitionKey("Task_Check").singleResult(), t -> t != null, Duration.ofSeconds(30));
        assertThat(desk.submit(keycloak.staffToken("staff.hk"), check.getId(), Map.of("ketLuan", "HOP_LE"))
                .statusCode()).isEqualTo(204);
    }

    private static JsonNode settled(Api api, String ward, String caseId) throws InterruptedException {
        return ProcedureDesk.await(() -> api.get("/api/v1/procedures/cases/" + caseId, ward).body(),
                c -> !"RUNNING".equals(c.path("status").asText()), Duration.ofSeconds(120));
    }

    private static String outcomeAt(JsonNode view, String agency) {
        for (JsonNode step : view.path("steps")) {
            if (agency.equals(step.path("agency").asText()) && "RECORD".equals(step.path("kind").asText())) {
                return step.path("outcome").asText();
            }
        }
        return null;
    }
}
