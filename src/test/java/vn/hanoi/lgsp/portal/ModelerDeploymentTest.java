package vn.hanoi.lgsp.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.StaffBrowser;

/**
 * Issue 13: analysts deploy from Camunda Modeler, which sends a multipart deployment to engine
 * REST with a bearer token. A member of {@code process-analysts} (no Camunda admin) copies the
 * short-lived token of their session from the portal and deploys; a staff member without the
 * right is refused, by engine REST and by the page.
 */
class ModelerDeploymentTest extends PlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${lgsp.keycloak.url}")
    String keycloakUrl;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    @Test
    void anAnalystsTokenDeploysAModelAndAReviewersIsRefused() throws Exception {
        Keycloak keycloak = new Keycloak(keycloakUrl);
        String key = "analyst-model-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> deployed = deploy(keycloak.staffToken("analyst"), key);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);

        String other = "reviewer-model-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> refused = deploy(keycloak.staffToken("reviewer"), other);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(deploy(null, other).statusCode()).isEqualTo(401);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(other).count()).isZero();
    }

    @Test
    void anAnalystCopiesTheTokenFromThePortalAndAReviewerGetsNone() throws Exception {
        String key = "portal-model-" + UUID.randomUUID().toString().substring(0, 8);
        try (StaffBrowser browser = new StaffBrowser()) {
            browser.driver().get(baseUrl() + "/trien-khai-mo-hinh");
            browser.logIn("analyst");
            WebElement token = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-token")));
            assertThat(browser.driver().findElement(By.id("engine-rest")).getText()).isEqualTo(baseUrl() + "/engine-rest");
            HttpResponse<String> deployed = deploy(token.getAttribute("value").strip(), key);
            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        }
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);

        try (StaffBrowser browser = new StaffBrowser()) {
            browser.driver().get(baseUrl() + "/trien-khai-mo-hinh");
            browser.logIn("reviewer");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            assertThat(browser.driver().findElements(By.id("deploy-token"))).isEmpty();
            assertThat(browser.driver().getPageSource()).contains("process-analysts");
        }
    }

    /** What Camunda Modeler sends: a multipart deployment with the model as a file. */
    private HttpResponse<String> deploy(String token, String key) throws Exception {
        String boundary = "lgsp-" + UUID.randomUUID();
        String model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://lgsp.hanoi.gov.vn/bpmn">
                  <bpmn:process id="%s" isExecutable="true" camunda:isStartableInTasklist="false" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key);
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + key
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\n"
                + "Camunda Modeler\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\""
                + key + ".bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n" + model + "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
