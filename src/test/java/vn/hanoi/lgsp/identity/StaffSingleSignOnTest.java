package vn.hanoi.lgsp.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/** staff log in once through Keycloak and land in Camunda Tasklist (Debian's Chromium, headless). */
class StaffSingleSignOnTest extends PlatformTest {

    @Value("${lgsp.keycloak.url}")
    String keycloakUrl;

    WebDriver browser;
    Path profile;

    @BeforeEach
    void browser() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=vi", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }

    @Test
    void staffLogsInThroughKeycloakAndSeesTasklist() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(baseUrl() + "/camunda/app/tasklist/");

        // Spring Security sends the browser to the realm's login page
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(keycloakUrl + "/realms/lgsp/");
        browser.findElement(By.id("username")).sendKeys("reviewer");
        browser.findElement(By.id("password")).sendKeys(Keycloak.STAFF_PASSWORD);
        browser.findElement(By.id("kc-login")).click();

        // back in Tasklist as that staff member, with the shared filter visible
        wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Tất cả công việc"));
        assertThat(browser.getTitle()).contains("Tasklist");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Nguyễn Văn"));
    }
}
