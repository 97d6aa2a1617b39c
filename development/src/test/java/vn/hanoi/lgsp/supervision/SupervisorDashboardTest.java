package vn.hanoi.lgsp.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.monitoring.TransactionLog;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.StaffBrowser;

/**
 * Đ12.1, in Debian's Chromium, headless: a supervisor signs in through
 * Keycloak, Cockpit's dashboard shows the LGSP panel with the counts seeded into
 * Elasticsearch, a figure opens the transactions behind it, the status board shows a
 * simulated system going DOWN once it stops, and Cockpit and Tasklist speak Vietnamese.
 */
class SupervisorDashboardTest extends PlatformTest {

    static final String WARD = "000.00.61.H26";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TransactionLog transactions;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired
    Simulators simulators;

    StaffBrowser browser;

    @BeforeEach
    void browser() throws Exception {
        browser = new StaffBrowser();
    }

    @AfterEach
    void close() {
        simulators.agency(WARD).orElseThrow().behaviour().setDown(false);
        browser.close();
    }

    @Test
    void aSupervisorSeesTheSeededFiguresOpensTheListBehindOneAndWatchesASystemGoDown() throws Exception {
        String agency = MonitoringSeed.uniqueAgency();
        transaction.executeWithoutResult(s -> transactions.recordAll(MonitoringSeed.documents(agency)));
        String supervisor = keycloak.staffToken("supervisor");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/monitoring/overview?agency=" + agency, supervisor)
                .body().path("transactions").path("total").asLong() == MonitoringSeed.TOTAL);

        WebDriverWait wait = browser.waiting();
        browser.driver().get(baseUrl() + "/camunda/app/cockpit/");
        browser.logIn("supervisor");

        // Cockpit's dashboard with the LGSP panel; narrowed to the seeded agency
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-lgsp-panel=overview]")));
        assertThat(panel.getText()).contains("Toàn cảnh LGSP");
        WebElement agencyField = browser.driver().findElement(By.id("lgsp-agency"));
        agencyField.clear();
        agencyField.sendKeys(agency);
        browser.driver().findElement(By.id("lgsp-apply")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-lgsp-panel=overview] dd[data-lgsp-value=total]"),
                String.valueOf(MonitoringSeed.TOTAL)));
        assertThat(text("[data-lgsp-panel=overview] dd[data-lgsp-value=succeeded]"))
                .isEqualTo(String.valueOf(MonitoringSeed.SUCCEEDED));
        assertThat(text("[data-lgsp-panel=overview] dd[data-lgsp-value=failed]")).isEqualTo(String.valueOf(MonitoringSeed.FAILED));
        assertThat(text("[data-lgsp-row='agency:" + agency + "'] [data-lgsp-value=total]"))
                .isEqualTo(String.valueOf(MonitoringSeed.TOTAL));
        assertThat(text("[data-lgsp-row='service:" + MonitoringSeed.SERVICE + "'] [data-lgsp-value=failed]")).isEqualTo("1");
        assertThat(text("[data-lgsp-row='error:VALIDATION_FAILED'] [data-lgsp-value=count]")).isEqualTo("2");
        assertVietnamese("cockpit");

        // a figure opens the transactions behind it
        browser.driver().findElement(By.cssSelector("[data-lgsp-panel=overview] a[data-lgsp-figure=failed]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-lgsp-panel=transactions]")));
        wait.until(d -> d.findElements(By.cssSelector("tr[data-lgsp-row=transaction]")).size() == MonitoringSeed.FAILED);

        // the status board: the ward's system answers, then stops and is shown DOWN
        browser.driver().get(baseUrl() + "/camunda/app/cockpit/default/#/lgsp/trang-thai");
        // the board redraws itself every 10 s: each look finds the row afresh
        By wardRow = By.cssSelector("tr[data-lgsp-system='" + WARD + "']");
        WebDriverWait board = new WebDriverWait(browser.driver(), Duration.ofSeconds(90));
        board.ignoring(StaleElementReferenceException.class);
        String before = board.until(d -> d.findElement(wardRow).getAttribute("data-lgsp-state"));
        assertThat(before).isNotEqualTo("DOWN");
        simulators.agency(WARD).orElseThrow().behaviour().setDown(true);
        String shown = board.until(d -> {
            WebElement row = d.findElement(wardRow);
            return "DOWN".equals(row.getAttribute("data-lgsp-state")) ? row.getText() : null;
        });
        assertThat(shown).contains("Mất kết nối");

        // Tasklist in Vietnamese too, with the same sign-in
        browser.driver().get(baseUrl() + "/camunda/app/tasklist/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), label("tasklist", "START_PROCESS")));
        assertVietnamese("tasklist");
    }

    private String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText().trim();
    }

    /** The footer reads as the app's Vietnamese locale file says, not as the English upstream one. */
    private void assertVietnamese(String app) throws Exception {
        String footer = label(app, "CAM_WIDGET_FOOTER_TIMEZONE");
        assertThat(footer).isNotEqualTo("Date and Time displayed in local timezone:");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), footer));
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("Log out")
                .doesNotContain("It is time to migrate to Camunda 8");
    }

    private static String label(String app, String key) {
        try (InputStream in = SupervisorDashboardTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/camunda/app/" + app + "/locales/vi.json")) {
            JsonNode labels = JSON.readTree(in).path("labels");
            assertThat(labels.has(key)).as(app + " vi.json has " + key).isTrue();
            return labels.path(key).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
