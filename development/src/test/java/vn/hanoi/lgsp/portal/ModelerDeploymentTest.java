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
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.StaffBrowser;

/**
 * R-08 (Đ6.1.1.b): analysts deploy from Camunda Modeler, which sends a multipart deployment to engine
 * REST with a bearer token. A member of {@code process-analysts} (no Camunda admin) copies the
 * short-lived token of their session from the portal and deploys; a staff member without the
 * right is refused, by engine REST and by the page.
 */
class ModelerDeploymentTest extends PlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    @Test
    void anAnalystsTokenDeploysAModelAndAReviewersIsRefused() throws Exception {
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
    void modelsThatRunCodeOrReplaceThePlatformsOwnAreRefused() throws Exception {
        String analyst = keycloak.staffToken("analyst");
        String key = "analyst-code-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("script task", "<bpmn:scriptTask id=\"S\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>");
        refused.put("Java delegate", "<bpmn:serviceTask id=\"J\" camunda:class=\"java.lang.Runtime\" />");
        refused.put("bean expression", "<bpmn:serviceTask id=\"E\" camunda:expression=\"${jdbcTemplate.execute('drop table x')}\" />");
        refused.put("bean in a condition, hidden in an entity", "<bpmn:sequenceFlow id=\"F\" sourceRef=\"Start\" targetRef=\"End\">"
                + "<bpmn:conditionExpression>&#36;{keycloakAdmin.deleteUser('x')}</bpmn:conditionExpression></bpmn:sequenceFlow>"
                + "<bpmn:endEvent id=\"End\" />");
        refused.put("listener", "<bpmn:userTask id=\"U\"><bpmn:extensionElements><camunda:taskListener event=\"create\" "
                + "expression=\"${x}\" /></bpmn:extensionElements></bpmn:userTask>");
        refused.put("worker topic", "<bpmn:serviceTask id=\"T\" camunda:type=\"external\" camunda:topic=\"ndxp-query\" />");
        refused.put("embedded form", "<bpmn:userTask id=\"K\" camunda:formKey=\"embedded:app:x.html\" />");
        for (var model : refused.entrySet()) {
            HttpResponse<String> answer = deploy(analyst, key, model.getValue());
            assertThat(answer.statusCode()).as(model.getKey() + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("\"code\":\"01\"");
        }
        // the platform's own onboarding model, even without code, is changed through the repository only
        HttpResponse<String> platforms = deploy(analyst, "service-onboarding", "");
        assertThat(platforms.statusCode()).isEqualTo(400);
        assertThat(platforms.body()).contains("service-onboarding");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        // a plain comparison of variables is a model, not code
        HttpResponse<String> plain = deploy(analyst, key, "<bpmn:sequenceFlow id=\"F0\" sourceRef=\"Start\" targetRef=\"G\" />"
                + "<bpmn:exclusiveGateway id=\"G\" default=\"F2\" />"
                + "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"G\" targetRef=\"End\"><bpmn:conditionExpression>"
                + "${approved &amp;&amp; count &gt; 3}</bpmn:conditionExpression></bpmn:sequenceFlow>"
                + "<bpmn:sequenceFlow id=\"F2\" sourceRef=\"G\" targetRef=\"End\" /><bpmn:endEvent id=\"End\" />");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    }

    @Test
    void aStartFormCannotBeSkippedWithStartInstructions() throws Exception {
        String staff = keycloak.staffToken("staff.stp");
        HttpResponse<String> skipped = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/engine-rest/process-definition/key/service-onboarding/start"))
                .header("Authorization", "Bearer " + staff).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"startInstructions\":[{\"type\":\"startBeforeActivity\","
                        + "\"activityId\":\"Task_ProvisionProduction\"}],\"variables\":{}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(skipped.statusCode()).isEqualTo(403);
        HttpResponse<String> noListeners = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/engine-rest/process-definition/key/service-onboarding/start"))
                .header("Authorization", "Bearer " + staff).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"skipCustomListeners\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noListeners.statusCode()).isEqualTo(403);
        HttpResponse<String> redeploy = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/engine-rest/deployment/" + UUID.randomUUID() + "/redeploy"))
                .header("Authorization", "Bearer " + keycloak.staffToken("analyst"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        // a redeploy is a deployment like any other: the engine checks it (there is nothing to redeploy here)
        assertThat(redeploy.statusCode()).isEqualTo(404);
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
        return deploy(token, key, "");
    }

    private HttpResponse<String> deploy(String token, String key, String elements) throws Exception {
        String boundary = "lgsp-" + UUID.randomUUID();
        String model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://lgsp.hanoi.gov.vn/bpmn">
                  <bpmn:process id="%s" isExecutable="true" camunda:isStartableInTasklist="false" camunda:historyTimeToLive="P1D">
                    <bpmn:extensionElements><camunda:properties>
                      <camunda:property name="lgsp.owner" value="000.00.61.H26" />
                    </camunda:properties></bpmn:extensionElements>
                    <bpmn:startEvent id="Start" />
                    %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, elements);
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
