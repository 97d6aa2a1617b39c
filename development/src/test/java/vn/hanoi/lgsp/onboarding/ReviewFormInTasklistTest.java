package vn.hanoi.lgsp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.StaffBrowser;

/**
 * a DOST reviewer opens the review task in Tasklist (headless Chromium), sees the
 * Vietnamese form with the applicant's data, decides, and completes it.
 */
class ReviewFormInTasklistTest extends PlatformTest {

    @Autowired
    HistoryService history;
    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    StaffBrowser staff;
    WebDriver browser;

    @BeforeEach
    void browser() throws Exception {
        staff = new StaffBrowser();
        browser = staff.driver();
    }

    @AfterEach
    void close() {
        staff.close();
    }

    @Test
    void reviewerCompletesTheVietnameseReviewForm() {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply submitted = api.postJson("/api/v1/registrations", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM),
                ServiceOnboardingProcessTest.provider(code, "PUBLIC"));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String registration = submitted.body().path("registration").path("registrationId").asText();

        WebDriverWait wait = staff.waiting();
        browser.get(baseUrl() + "/camunda/app/tasklist/");
        staff.logIn("reviewer");

        // the review task appears in the reviewer's shared filter
        By taskLink = By.xpath("//*[contains(@class,'task')]//*[contains(normalize-space(.),'Thẩm định hồ sơ đăng ký kết nối')]");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (browser.findElements(taskLink).isEmpty()) {
                browser.navigate().refresh();
                return false;
            }
            return true;
        });
        // open it as a click in the list does: Tasklist keeps the selected task in the URL
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(registration).singleResult().getId();
        browser.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId);

        // the Camunda Form, in Vietnamese, with the applicant's data
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Kết luận thẩm định"));
        WebElement applicant = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//input[contains(@id,'applicantName') or @name='applicantName']")));
        assertThat(applicant.getAttribute("value")).isEqualTo("Sở Tư pháp");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Cơ quan, đơn vị đăng ký", "Đồng ý", "Từ chối");

        // a candidate task is claimed ("Nhận việc", Tasklist speaks Vietnamese) before it can be completed
        By claim = By.xpath("//*[self::a or self::button][normalize-space()='Nhận việc']");
        wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//input[@type='radio']")));

        // the decision's options in the order of the form: Đồng ý, Yêu cầu bổ sung, Từ chối
        WebElement approve = browser.findElements(By.xpath("//input[@type='radio']")).get(0);
        assertThat(approve.findElement(By.xpath("ancestor::*[contains(normalize-space(.),'Đồng ý')][1]"))).isNotNull();
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();", approve);
        browser.findElements(By.xpath("//textarea[contains(@id,'reviewComment') or @name='reviewComment']"))
                .forEach(comment -> comment.sendKeys("Hồ sơ đầy đủ, đồng ý."));
        WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()='Hoàn thành']")));
        complete.click();

        // the review is done as that reviewer, and the process moved on
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(registration).taskDefinitionKey("Task_Review").finished().count() == 1);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(registration)
                .taskDefinitionKey("Task_Review").singleResult().getAssignee()).isEqualTo("reviewer");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(registration).singleResult().getId()).variableName("reviewDecision")
                .singleResult().getValue()).isEqualTo("APPROVE");
    }
}
