package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.StaffBrowser;

/** staff log in once through Keycloak and land in Camunda Tasklist (Debian's Chromium, headless). */
class StaffSingleSignOnTest extends PlatformTest {

    StaffBrowser browser;

    @BeforeEach
    void browser() throws Exception {
        browser = new StaffBrowser();
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void staffLogsInThroughKeycloakAndSeesTasklist() {
        WebDriverWait wait = browser.waiting();
        browser.driver().get(baseUrl() + "/camunda/app/tasklist/");

        // Spring Security sends the browser to the realm's login page
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.driver().getCurrentUrl()).startsWith(keycloakUrl + "/realms/lgsp/");
        browser.logIn("reviewer");

        // back in Tasklist as that staff member, with the shared filter visible
        wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Tất cả công việc"));
        assertThat(browser.driver().getTitle()).contains("Tasklist");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Nguyễn Văn"));
    }
}
