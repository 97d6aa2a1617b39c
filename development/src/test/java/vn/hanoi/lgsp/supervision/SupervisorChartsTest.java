package vn.hanoi.lgsp.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.connection.Incidents;
import vn.hanoi.lgsp.monitoring.TransactionLog;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.BrowserTest;

/**
 * Supervisors look at charts, not codes (R-20, Đ12.1), in Debian's Chromium, headless: the
 * figures seeded for one agency are the points of the dashboard's time-series chart and the bars
 * of its gateway chart; agencies and services show by name with the code on hover, every kind and
 * route in Vietnamese; the CSV of a table carries the same numbers; the status board shows each
 * system's state in colour with a 24-hour strip; the incident log opens in Cockpit.
 */
class SupervisorChartsTest extends BrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String WARD = "000.00.61.H26";

    @Autowired
    TransactionLog transactions;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    Incidents incidents;

    @Test
    void chartsNamesAndCsvShowTheSeededFiguresAndTheBoardAndIncidentLogReadAtAGlance() throws Exception {
        String agency = MonitoringSeed.uniqueAgency();
        String agencyName = "Trung tâm thử nghiệm biểu đồ " + UUID.randomUUID().toString().substring(0, 6);
        // straight into the registry: registering through the API would add a transaction of its own
        jdbc.update("insert into lgsp.agency (code, name, level, status, valid_from) values (?, ?, 1, 'ACTIVE', ?)",
                agency, agencyName, LocalDate.now().minusDays(1));
        transaction.executeWithoutResult(s -> transactions.recordAll(MonitoringSeed.documents(agency)));
        String supervisor = keycloak.staffToken("supervisor");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/monitoring/overview?agency=" + agency, supervisor)
                .body().path("transactions").path("total").asLong() == MonitoringSeed.TOTAL);
        String detail = "Sự cố thử nghiệm nhật ký " + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply raised = api.postJson("/api/v1/incidents", keycloak.staffToken("operator"),
                Map.of("agencyCode", agency, "detail", detail));
        assertThat(raised.status()).as(raised.body().toString()).isEqualTo(201);
        String incidentId = raised.body().path("incident").path("id").asText();

        WebDriverWait wait = browser.waiting();
        driver.get(baseUrl() + "/camunda/app/cockpit/");
        browser.logIn("supervisor");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-lgsp-panel=overview]")));
        WebElement agencyField = driver.findElement(By.id("lgsp-agency"));
        agencyField.clear();
        agencyField.sendKeys(agency);
        driver.findElement(By.id("lgsp-apply")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-lgsp-panel=overview] dd[data-lgsp-value=total]"),
                String.valueOf(MonitoringSeed.TOTAL)));

        // the time-series chart is drawn by the platform's own charting library, its points the seed
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-lgsp-chart=transactions]"), "data-lgsp-drawn", "true"));
        assertThat(driver.findElements(By.cssSelector("[data-lgsp-chart=transactions] .uplot canvas"))).isNotEmpty();
        JsonNode points = series("transactions");
        assertThat(points.size()).as("every hour of today, empty ones too").isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(24);
        long total = 0;
        long failed = 0;
        int withData = 0;
        for (JsonNode point : points) {
            total += point.path("total").asLong();
            failed += point.path("failed").asLong();
            withData += point.path("total").asLong() > 0 ? 1 : 0;
        }
        assertThat(total).isEqualTo(MonitoringSeed.TOTAL);
        assertThat(failed).isEqualTo(MonitoringSeed.FAILED);
        assertThat(withData).as("all seeded in the same hour").isOne();
        JsonNode quality = series("quality");
        assertThat(quality.findValues("successRate").stream().filter(v -> !v.isNull()).map(JsonNode::asDouble).toList())
                .containsExactly((double) MonitoringSeed.SUCCEEDED / MonitoringSeed.TOTAL);
        JsonNode gateway = series("gateway-services");
        assertThat(gateway.size()).isOne();
        assertThat(gateway.get(0).path("key").asText()).isEqualTo(MonitoringSeed.SERVICE);
        assertThat(gateway.get(0).path("label").asText()).isEqualTo("Tra cứu thông tin hộ tịch");
        assertThat(gateway.get(0).path("total").asLong()).isEqualTo(MonitoringSeed.GATEWAY_CALLS);
        assertThat(gateway.get(0).path("failed").asLong()).isOne();

        // names, not codes; the code on hover
        WebElement agencyCell = driver.findElement(By.cssSelector("[data-lgsp-row='agency:" + agency + "'] td"));
        assertThat(agencyCell.getText()).isEqualTo(agencyName);
        assertThat(agencyCell.getAttribute("title")).isEqualTo(agency);
        assertThat(driver.findElement(By.cssSelector("[data-lgsp-row='service:" + MonitoringSeed.SERVICE + "'] td"))
                .getText()).isEqualTo("Tra cứu thông tin hộ tịch");
        List<String> kinds = new ArrayList<>();
        driver.findElements(By.cssSelector("[data-lgsp-row^='kind:'] td:first-child")).forEach(c -> kinds.add(c.getText()));
        assertThat(kinds).containsExactlyInAnyOrder("Gọi API nền tảng", "Gọi dịch vụ qua cổng chia sẻ");

        // the CSV of a table: the same numbers, not as formatted on screen
        String csv = csv("giao-dich-theo-loai");
        assertThat(csv.lines().toList()).contains("api-call,Gọi API nền tảng,7,5,2",
                "gateway-call,Gọi dịch vụ qua cổng chia sẻ,3,2,1");
        assertThat(csv("giao-dich-theo-gio")
                .lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum()).isEqualTo(MonitoringSeed.TOTAL);

        // the status board: each state in colour, the last 24 hours hour by hour
        driver.get(baseUrl() + "/camunda/app/cockpit/default/#/lgsp/trang-thai");
        WebDriverWait board = new WebDriverWait(driver, Duration.ofSeconds(60));
        board.ignoring(StaleElementReferenceException.class);
        By wardRow = By.cssSelector("tr[data-lgsp-system='" + WARD + "']");
        String colour = board.until(d -> d.findElement(wardRow).findElement(By.cssSelector("td.lgsp-state"))
                .getAttribute("data-lgsp-colour"));
        String state = driver.findElement(wardRow).getAttribute("data-lgsp-state");
        assertThat(colour).isEqualTo(switch (state) {
            case "UP" -> "green";
            case "SLOW", "DEGRADED" -> "amber";
            case "DOWN" -> "red";
            default -> "grey";
        });
        String strip = driver.findElement(wardRow).findElement(By.cssSelector("[data-lgsp-strip]")).getAttribute("data-lgsp-strip");
        assertThat(strip.split(",")).hasSize(24);
        assertThat(strip.split(",")[23]).as("the ward's system was checked in the last hour").isNotEqualTo("UNKNOWN");

        // the incident log in Cockpit: the incident, then its log
        driver.get(baseUrl() + "/camunda/app/cockpit/default/#/lgsp/su-co?agency=" + agency);
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-lgsp-incident='" + incidentId + "']")));
        assertThat(row.getText()).contains(agency, "Cán bộ báo", "Đang mở", "Chưa ghi nhận");
        row.findElement(By.cssSelector("a[data-lgsp-figure=incident]")).click();
        WebElement log = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("div[data-lgsp-incident='" + incidentId + "'] tr[data-lgsp-row=incident-log]")));
        assertThat(log.getText()).contains("opened: " + detail);
        incidents.resolve(agency, "test", "test over");
    }

    private JsonNode series(String chart) throws Exception {
        return JSON.readTree(driver.findElement(By.cssSelector("[data-lgsp-chart='" + chart + "']"))
                .getAttribute("data-lgsp-series"));
    }

    private String csv(String name) {
        String href = driver.findElement(By.cssSelector("a[data-lgsp-csv='" + name + "']")).getAttribute("href");
        assertThat(href).startsWith("data:text/csv;charset=utf-8,");
        return URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8).replace("\ufeff", "")
                .replace("\r\n", "\n");
    }
}
