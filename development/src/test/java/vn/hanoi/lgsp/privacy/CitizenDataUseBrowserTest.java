package vn.hanoi.lgsp.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.BrowserTest;
import vn.hanoi.lgsp.support.StaffBrowser;

/**
 * "Ai đã dùng dữ liệu của tôi" in Debian's Chromium, headless (Law 91/2025, Decree 13/2023): a
 * ward looks a citizen up in the national population database through the gateway, sends a record
 * naming them as applicant, and has a result posted to them; the citizen signs in through the
 * simulated VNeID, sees each use with the agency's and the service's names, the declared purpose
 * and the officer, downloads the list as PDF and reports one entry, which becomes a DOST task. A
 * second citizen sees none of it and cannot report it; a page elsewhere cannot post a report in
 * the citizen's name.
 */
class CitizenDataUseBrowserTest extends BrowserTest {

    static final String WARD = "000.00.61.H26";
    static final String CITIZEN = "001090000001";
    static final String OTHER_CITIZEN = "001178000004";

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCitizenSeesWhoUsedTheirDataDownloadsItAndReportsAnEntryAndNoOtherCitizenDoes() throws Exception {
        String ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD));
        String purpose = "Xác minh nhân thân hồ sơ kết hôn " + UUID.randomUUID().toString().substring(0, 8);
        String officerName = "Trần Thị Cán Bộ";
        Api.Reply lookup = api.call("GET", "/api/v1/gateway/csdl-dan-cu/v1/cong-dan/" + CITIZEN, ward,
                Map.of("X-LGSP-Purpose", encoded(purpose), "X-LGSP-Officer", encoded(officerName)), null);
        assertThat(lookup.status()).as(lookup.body().toString()).isEqualTo(200);
        assertThat(lookup.raw().headers().firstValue("X-LGSP-Visible-To-Data-Subject"))
                .as("the ward sees that the citizen will see this call").contains("true");
        String codedPurpose = purpose + " (lần 2)";
        Api.Reply byCode = api.call("GET", "/api/v1/gateway/csdl-dan-cu/v1/cong-dan/" + CITIZEN, ward,
                Map.of("X-LGSP-Purpose", encoded(codedPurpose), "X-LGSP-Officer", "canbo.hoankiem"), null);
        assertThat(byCode.status()).isEqualTo(200);
        String exchangeId = sendRecordAbout(ward, CITIZEN);

        // the citizen signs in through VNeID and opens the page from their greeting
        signIn(CITIZEN);
        driver.findElement(By.id("data-use-link")).click();
        WebElement table = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("data-use")));
        WebElement call = row(table, purpose);
        assertThat(call.findElement(By.cssSelector("td.agency")).getText()).isEqualTo("Ủy ban nhân dân phường Hoàn Kiếm");
        assertThat(call.findElement(By.cssSelector("td.agency abbr")).getAttribute("title")).isEqualTo(WARD);
        assertThat(call.findElement(By.cssSelector("td.service")).getText())
                .isEqualTo("Tra cứu Cơ sở dữ liệu quốc gia về dân cư");
        assertThat(call.getText()).contains(officerName, "Thành công", "Tra cứu, khai thác dữ liệu");
        assertThat(call.getAttribute("data-reference")).isEqualTo(lookup.transactionId());
        assertThat(row(table, codedPurpose).getText()).as("a staff code is masked").contains("can***em")
                .doesNotContain("canbo.hoankiem");
        assertThat(table.findElements(By.cssSelector("tr[data-reference='" + exchangeId + "']")))
                .as("the record that named them as applicant").singleElement()
                .satisfies(r -> assertThat(r.getText()).contains("Trao đổi hồ sơ điện tử", "Ủy ban nhân dân phường Hoàn Kiếm"));

        // the list as PDF, downloaded in the citizen's session
        String text = pdfText(driver.findElement(By.id("pdf")).getAttribute("href"));
        assertThat(text).contains(purpose, officerName, "Ủy ban nhân dân phường Hoàn Kiếm", lookup.transactionId())
                .doesNotContain(CITIZEN);

        // a report of the first call becomes DOST's task, with the entry referenced
        call.findElement(By.tagName("summary")).click();
        call.findElement(By.name("message")).sendKeys("Tôi không nộp hồ sơ kết hôn nào ở phường Hoàn Kiếm");
        call.findElement(By.cssSelector("form.report button")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("reported")));
        assertThat(driver.findElement(By.id("reports")).getText()).contains("Đang xem xét", "Tôi không nộp hồ sơ kết hôn");
        String reportId = jdbc.queryForObject("select id::text from lgsp.data_use_report where entry_reference = ?",
                String.class, lookup.transactionId());
        Task task = tasks.createTaskQuery().processDefinitionKey(DataUseReportProcess.PROCESS_KEY)
                .processInstanceBusinessKey(reportId).singleResult();
        assertThat(task).as("DOST's task").isNotNull();
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("dost-operators").count()).isOne();
        Map<String, Object> variables = runtime.getVariables(task.getProcessInstanceId());
        assertThat(variables).containsEntry("entryReference", lookup.transactionId()).containsEntry("purpose", purpose)
                .containsEntry("agencyName", "Ủy ban nhân dân phường Hoàn Kiếm");
        assertThat(variables.values()).as("who the citizen is stays out of the process")
                .noneMatch(v -> String.valueOf(v).contains(CITIZEN));
        String formToken = driver.findElement(By.cssSelector("form.report input[name='_csrf']")).getAttribute("value");

        // a page elsewhere posting in the citizen's session without the form's token is refused
        int forged = post(driver, "/cong-dan/du-lieu/phan-anh", Map.of("kind", "GATEWAY_CALL",
                "reference", byCode.transactionId(), "at", "2026-01-01T00:00:00Z", "message", "giả mạo"));
        assertThat(forged).isEqualTo(403);

        // DOST answers; the citizen reads the answer on the page
        tasks.complete(task.getId(), Map.of("finding", DataUseReportProcess.NO_MISUSE,
                "answer", "Phường đã tra cứu theo hồ sơ số HS-01 do chính bạn nộp"));
        driver.navigate().refresh();
        assertThat(driver.findElement(By.id("reports")).getText()).contains("Đã trả lời", "HS-01");

        // a second citizen sees none of the first one's entries and cannot report them
        browser.close();
        browser = new StaffBrowser();
        driver = browser.driver();
        signIn(OTHER_CITIZEN);
        driver.get(baseUrl() + "/cong-dan/du-lieu");
        WebElement theirs = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("data-use")));
        assertThat(theirs.getText()).doesNotContain(purpose).doesNotContain("Xác minh nhân thân");
        assertThat(driver.getPageSource()).doesNotContain(lookup.transactionId()).doesNotContain(exchangeId);
        int stolen = postWithPageToken(driver, Map.of("kind", "GATEWAY_CALL", "reference", byCode.transactionId(),
                "at", java.time.Instant.now().toString(), "message", "Báo cáo của người khác"));
        assertThat(stolen).as("another person's entry is not found for them").isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.data_use_report where entry_reference = ?",
                Integer.class, byCode.transactionId())).isZero();
        assertThat(formToken).isNotBlank();
    }

    private void signIn(String citizenId) {
        driver.get(baseUrl() + "/cong-dan");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("citizenId")));
        driver.findElement(By.id("citizenId")).sendKeys(citizenId);
        driver.findElement(By.id("passcode")).sendKeys("123456");
        driver.findElement(By.id("vneid-sign-in")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
    }

    private static WebElement row(WebElement table, String purpose) {
        List<WebElement> rows = table.findElements(By.xpath(".//tr[td[@class='purpose'][text()='" + purpose + "']]"));
        assertThat(rows).as("rows for purpose " + purpose).hasSize(1);
        return rows.get(0);
    }

    private String sendRecordAbout(String ward, String citizenId) throws Exception {
        byte[] content = ("Hồ sơ đăng ký kết hôn " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Api.Reply submitted = api.post("/api/v1/exchanges", ward, Map.of("procedureCode", "1.000001.000.00.13.H26",
                "destination", "000.00.12.H26", "payload", Map.of("contentType", "text/plain",
                        "content", Base64.getEncoder().encodeToString(content),
                        "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))),
                "applicant", Map.of("citizenId", citizenId, "fullName", "Nguyễn Văn An")), "key-" + UUID.randomUUID());
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        return submitted.body().path("exchangeId").asText();
    }

    /** The PDF fetched with the browser's session, as the link downloads it. */
    private String pdfText(String href) throws Exception {
        Object fetched = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer().then(b => {
                  let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x));
                  done({status: r.status, type: r.headers.get('Content-Type'), body: btoa(s)});
                }));""", href);
        Map<?, ?> answer = (Map<?, ?>) fetched;
        assertThat(((Number) answer.get("status")).intValue()).isEqualTo(200);
        assertThat((String) answer.get("type")).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode((String) answer.get("body")))) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** A form post from the page's own script, without the form's CSRF token. */
    private int post(WebDriver driver, String path, Map<String, String> fields) {
        return ((Number) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', body: new URLSearchParams(arguments[1]), redirect: 'manual'})
                  .then(r => done(r.status));""", baseUrl() + path, fields)).intValue();
    }

    /** A form post carrying the token of the signed-in person's own page: a real session's request. */
    private int postWithPageToken(WebDriver driver, Map<String, String> fields) {
        return ((Number) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const input = document.getElementById('csrf');
                const body = new URLSearchParams(arguments[0]);
                if (input) body.append('_csrf', input.value);
                fetch('/cong-dan/du-lieu/phan-anh', {method: 'POST', body: body, redirect: 'manual'})
                  .then(r => done(r.status));""", fields)).intValue();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
