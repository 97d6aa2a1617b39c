package vn.hanoi.lgsp.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.catalog.VersionStatus;

/**
 * The provider's staff submit a new version from Tasklist's start form (App1 §3.4): the same
 * checks as the API, as the signed-in user; only the provider's own staff or DOST operators;
 * nothing the form sends beyond its fields reaches the process; and the start-process
 * permission reaches this process only.
 */
class UpgradeStartFormTest extends LifecycleProcessTest {

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void theProvidersStaffSubmitANewVersionFromTasklist() {
        String code = publishedService();
        Map<String, Object> form = form(code, "v2");
        // a forged decision and deadline, as someone posting the form by hand might add
        form.put(UpgradeProcess.Variables.REVIEW_DECISION, UpgradeProcess.APPROVED);
        form.put(UpgradeProcess.Variables.REVIEW_DUE, "2020-01-01T00:00:00");
        form.put(UpgradeProcess.Variables.SUNSET_ON, today().plusDays(200).toString());

        ProcessInstance started = submitAs("staff.stp", List.of("agency-staff"), form);
        runAsync(started.getId());

        assertThat(started.getBusinessKey()).isEqualTo(code + "/v2");
        assertThat(instance(started.getId())).isWaitingAt("Task_ReviewVersion");
        assertThat(catalog.require(code).version("v2")).get().extracting(v -> v.status()).isEqualTo(VersionStatus.DRAFT);
        assertThat(variable(started.getId(), UpgradeProcess.Variables.PROVIDER)).isEqualTo(JUSTICE);
        assertThat(variable(started.getId(), UpgradeProcess.Variables.SUBMITTED_BY)).isEqualTo("staff.stp");
        assertThat(variable(started.getId(), UpgradeProcess.Variables.REVIEW_DECISION)).isNull();
        assertThat(variable(started.getId(), UpgradeProcess.Variables.REVIEW_DUE)).isInstanceOf(java.util.Date.class);
        assertThat(variable(started.getId(), UpgradeProcess.Variables.REQUESTED_SUNSET)).isNotNull();
        // the OpenAPI document went to the catalog, not into the process's variables
        assertThat(variable(started.getId(), UpgradeProcess.Variables.OPEN_API)).isNull();
        assertThat(catalog.openApi(code, "v2")).isPresent();
    }

    @Test
    void staffOfAnotherAgencyAndUnknownAccountsAreRefusedAndNothingStarts() {
        String code = publishedService();
        long before = upgrades();
        // "reviewer" is DOST staff, but neither of the provider nor a DOST operator
        assertThatThrownBy(() -> submitAs("reviewer", List.of("dost-reviewers", "agency-staff"), form(code, "v2")))
                .hasMessageContaining("Only the provider of " + code);
        assertThatThrownBy(() -> submitAs("nobody-" + code, List.of("agency-staff"), form(code, "v2")))
                .hasMessageContaining("Only the provider of " + code);
        assertThat(upgrades()).isEqualTo(before);
        assertThat(catalog.require(code).version("v2")).isEmpty();
    }

    @Test
    void aSunsetSoonerThan180DaysIsRefusedAsByTheApi() {
        String code = publishedService();
        Map<String, Object> form = form(code, "v2");
        form.put(UpgradeProcess.Variables.SUNSET_ON, today().plusDays(179).toString());
        assertThatThrownBy(() -> submitAs("staff.stp", List.of("agency-staff"), form)).hasMessageContaining("180 days");
        form.put(UpgradeProcess.Variables.SUNSET_ON, "1/9/2026");
        assertThatThrownBy(() -> submitAs("staff.stp", List.of("agency-staff"), form)).hasMessageContaining("YYYY-MM-DD");
        assertThat(catalog.require(code).version("v2")).isEmpty();
    }

    @Test
    void dostOperatorsSubmitForAProviderAndAgencyStaffStartNoOtherProcess() {
        String code = publishedService();
        ProcessInstance started = submitAs("operator", List.of("dost-operators"), form(code, "v2"));
        assertThat(variable(started.getId(), UpgradeProcess.Variables.SUBMITTED_BY)).isEqualTo("operator");

        engine.getIdentityService().setAuthentication("staff.stp", List.of("agency-staff"));
        String retirement = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(RetirementProcess.PROCESS_KEY).latestVersion().singleResult().getId();
        assertThatThrownBy(() -> engine.getFormService().submitStartForm(retirement, Map.of("serviceCode", code)))
                .isInstanceOf(AuthorizationException.class);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().startableInTasklist().latestVersion()
                .list()).extracting(d -> d.getKey()).containsExactlyInAnyOrder(UpgradeProcess.PROCESS_KEY,
                        vn.hanoi.lgsp.onboarding.OnboardingProcess.PROCESS_KEY);
    }

    private ProcessInstance submitAs(String user, List<String> groups, Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(UpgradeProcess.PROCESS_KEY).latestVersion().singleResult().getId();
            return engine.getFormService().submitStartForm(definition, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private long upgrades() {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UpgradeProcess.PROCESS_KEY).count();
    }

    private static Map<String, Object> form(String code, String version) {
        Map<String, Object> form = new HashMap<>();
        form.put(UpgradeProcess.Variables.SERVICE, code);
        form.put(UpgradeProcess.Variables.VERSION, version);
        form.put(UpgradeProcess.Variables.BASE_URL, "http://127.0.0.1:9/api/v2");
        form.put(UpgradeProcess.Variables.OPEN_API, "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"v2\",\"version\":\"2\"},\"paths\":{}}");
        form.put(UpgradeProcess.Variables.MIGRATION_NOTES, "Trường hoTen thay cho ten");
        return form;
    }
}
