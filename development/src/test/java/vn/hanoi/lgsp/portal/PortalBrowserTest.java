package vn.hanoi.lgsp.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.hanoi.lgsp.onboarding.ServiceOnboardingProcessTest;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.BrowserTest;

/**
 * The portal's browser walk in Debian's Chromium, headless: an anonymous
 * visitor finds a service by Vietnamese text with and without diacritics, opens its OpenAPI page
 * and downloads its Postman collection; a maintenance window announced through the API is on the
 * notices page and in the Atom feed; an agency's staff member signs in and sees only the agency's
 * own registrations; a citizen signs in through the simulated VNeID and is greeted by name, and
 * that session opens no staff page.
 */
class PortalBrowserTest extends BrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String WARD = "000.00.61.H26";

    @Test
    void aVisitorFindsAServiceWithAndWithoutDiacriticsReadsItsOpenApiAndDownloadsItsCollection() throws Exception {
        WebDriverWait wait = browser.waiting();
        for (String query : new String[] {"ho tich", "hộ tịch"}) {
            driver.get(baseUrl() + "/");
            WebElement search = driver.findElement(By.id("q-home"));
            search.sendKeys(query);
            search.submit();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ket-qua")));
            assertThat(driver.findElements(By.cssSelector("[data-service=hotich-tra-cuu]"))).as(query).hasSize(1);
            assertThat(driver.findElements(By.cssSelector("[data-service=giayphep-xay-dung]"))).as(query).isEmpty();
        }
        driver.findElement(By.linkText("Tra cứu thông tin hộ tịch")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-version=v1]")));
        driver.findElement(By.linkText("Đặc tả OpenAPI")).click();
        // Swagger UI renders the provider's document
        WebElement operation = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#openapi-view .opblock-summary-path")));
        assertThat(operation.getText()).contains("/khai-sinh");

        String href = driver.findElement(By.cssSelector("a.postman")).getAttribute("href");
        Object downloaded = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text().then(t => done({status: r.status, "
                        + "disposition: r.headers.get('Content-Disposition'), body: t})));", href);
        Map<?, ?> answer = (Map<?, ?>) downloaded;
        assertThat(((Number) answer.get("status")).intValue()).isEqualTo(200);
        assertThat((String) answer.get("disposition")).contains("attachment");
        JsonNode collection = JSON.readTree((String) answer.get("body"));
        assertThat(collection.path("info").path("schema").asText())
                .isEqualTo("https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
        assertThat(collection.path("item").get(0).path("request").path("url").path("raw").asText())
                .startsWith("{{baseUrl}}/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh");
    }

    @Test
    void aMaintenanceWindowAnnouncedThroughTheApiIsOnTheNoticesPageAndInTheFeed() {
        String ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system",
                "Hoankiem#Demo2025", WARD));
        String reason = "Bảo trì định kỳ máy chủ " + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Api.Reply announced = new Api(baseUrl()).postJson("/api/v1/maintenance", ward, Map.of("agencyCode", WARD,
                "startsAt", now.plus(Duration.ofHours(30)).toString(), "endsAt", now.plus(Duration.ofHours(31)).toString(),
                "reason", reason));
        assertThat(announced.status()).as(announced.body().toString()).isEqualTo(201);

        driver.get(baseUrl() + "/");
        driver.findElement(By.linkText("Thông báo")).click();
        WebElement notice = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//article[@data-kind='MAINTENANCE'][contains(., '" + reason + "')]")));
        assertThat(notice.getText()).contains("Bảo trì", "Bảo trì hệ thống " + WARD);

        driver.get(baseUrl() + "/thong-bao/atom.xml");
        assertThat(driver.getPageSource()).contains(reason);
    }

    @Test
    void anAgencysStaffSeeOnlyTheirOwnRegistrations() {
        String own = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply ours = api.postJson("/api/v1/registrations", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM),
                ServiceOnboardingProcessTest.provider(own, "PUBLIC"));
        assertThat(ours.status()).as(ours.body().toString()).isEqualTo(202);
        Api.Reply theirs = api.postJson("/api/v1/registrations", keycloak.clientToken(new Keycloak.Client(
                "phuonghoankiem-system", "Hoankiem#Demo2025", WARD)), ServiceOnboardingProcessTest.provider(other, "PUBLIC"));
        assertThat(theirs.status()).as(theirs.body().toString()).isEqualTo(202);
        String ourId = ours.body().path("registration").path("registrationId").asText();
        String theirId = theirs.body().path("registration").path("registrationId").asText();
        // their deadlines too (Đ16.3, Đ16.5): each agency sees its own needs only
        String ourNeed = "Nhu cầu khai thác dữ liệu " + UUID.randomUUID().toString().substring(0, 8);
        String theirNeed = "Nhu cầu của phường " + UUID.randomUUID().toString().substring(0, 8);
        String needId = api.postJson("/api/v1/agencies/" + Keycloak.JUSTICE_SYSTEM.agencyCode() + "/connection-needs",
                keycloak.clientToken(Keycloak.JUSTICE_SYSTEM), Map.of("kind", "CONNECT", "identifiedOn",
                        java.time.LocalDate.now().toString(), "description", ourNeed)).body().path("need").path("id").asText();
        api.postJson("/api/v1/agencies/" + WARD + "/connection-needs", keycloak.clientToken(new Keycloak.Client(
                "phuonghoankiem-system", "Hoankiem#Demo2025", WARD)), Map.of("kind", "CANCEL", "identifiedOn",
                java.time.LocalDate.now().toString(), "description", theirNeed));

        driver.get(baseUrl() + "/");
        driver.findElement(By.linkText("Cơ quan, đơn vị đăng nhập")).click();
        browser.logIn("staff.stp");
        WebElement registrations = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("registrations")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sở Tư pháp");
        assertThat(registrations.findElements(By.cssSelector("[data-registration='" + ourId + "']"))).hasSize(1);
        assertThat(driver.getPageSource()).doesNotContain(theirId).doesNotContain(other);
        WebElement need = driver.findElement(By.cssSelector("#needs [data-need='" + needId + "']"));
        assertThat(need.getText()).contains(ourNeed, "Đăng ký kết nối", "Chưa thực hiện");
        assertThat(driver.getPageSource()).doesNotContain(theirNeed);
        // no secret is ever on the page
        assertThat(driver.getPageSource()).doesNotContain("Sotuphap#Demo2025");
    }

    @Test
    void aCitizenSignsInThroughVneidIsGreetedByNameAndOpensNoStaffPage() {
        driver.get(baseUrl() + "/");
        driver.findElement(By.linkText("Đăng nhập bằng VNeID")).click();
        WebDriverWait wait = browser.waiting();
        // Keycloak's citizens' realm sends the browser straight to the simulated VNeID
        try {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("citizenId")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no VNeID sign-in page at " + driver.getCurrentUrl() + ":\n"
                    + driver.getPageSource(), e);
        }
        driver.findElement(By.id("citizenId")).sendKeys("001090000001");
        driver.findElement(By.id("passcode")).sendKeys("123456");
        driver.findElement(By.id("vneid-sign-in")).click();
        WebElement greeting = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
        assertThat(greeting.getText()).isEqualTo("Xin chào, Nguyễn Văn An");
        assertThat(driver.findElement(By.id("identifier")).getText()).isEqualTo("001*******01");

        // the citizen's session is no staff session: Tasklist and the agency page refuse it
        driver.get(baseUrl() + "/camunda/app/tasklist/");
        assertThat(driver.getPageSource()).contains("FORBIDDEN").doesNotContain("Camunda Tasklist");
        driver.get(baseUrl() + "/co-quan");
        assertThat(driver.getPageSource()).contains("FORBIDDEN").doesNotContain("Hồ sơ đăng ký kết nối");
    }
}
