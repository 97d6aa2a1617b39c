package vn.hanoi.lgsp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.onboarding.OnboardingProcess.StartForm;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * R-13, App2: an agency's staff start Form 01 or Form 02 with Form 03 from
 * Tasklist's "Start process"; the same checks and records as {@code POST /api/v1/registrations},
 * the applicant taken from the signed-in account's agency, only the form's fields read and
 * none kept; an account of no agency, or without the right to start, starts nothing.
 */
class OnboardingStartFormTest extends ProcessTest {

    static final String JUSTICE = "000.00.13.H26";

    @Autowired
    Registrations registrations;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void theFormsFieldsAreTheContractsFields() throws Exception {
        Set<String> keys = new TreeSet<>();
        try (InputStream form = getClass().getResourceAsStream("/processes/forms/" + StartForm.FORM_KEY + ".form")) {
            new ObjectMapper().readTree(form).path("components").forEach(c -> collect(c, keys));
        }
        assertThat(keys).isEqualTo(new TreeSet<>(StartForm.FIELDS));
    }

    @Test
    void anAgencysStaffSubmitAConsumersRequestWithTheCommitmentFromTasklist() {
        Map<String, Object> form = consumer("csdl-dang-ky-doanh-nghiep");
        // what someone posting the form by hand might add: neither reaches the process
        form.put(OnboardingProcess.Variables.REVIEW_DECISION, "APPROVE");
        form.put(OnboardingProcess.Variables.SECURITY_LEVEL, 3);

        ProcessInstance started = submitAs("staff.stp", List.of("agency-staff"), form);

        Registrations.Registration registration = registrations.find(UUID.fromString(started.getBusinessKey())).orElseThrow();
        assertThat(registration.agencyCode()).isEqualTo(JUSTICE);
        assertThat(registration.serviceCode()).isEqualTo("csdl-dang-ky-doanh-nghiep");
        assertThat(registration.processInstanceId()).isEqualTo(started.getId());
        Map<String, Object> variables = engine.getRuntimeService().getVariables(started.getId());
        assertThat(variables).containsEntry(OnboardingProcess.Variables.REGISTRATION_ID, registration.id().toString())
                .containsEntry(OnboardingProcess.Variables.REQUEST_TYPE, "CONSUMER")
                .containsEntry(OnboardingProcess.Variables.SECURITY_LEVEL, 0)
                .doesNotContainKeys(OnboardingProcess.Variables.REVIEW_DECISION, StartForm.CONTACT_EMAIL,
                        StartForm.PURPOSE);
        Job job = engine.getManagementService().createJobQuery().processInstanceId(started.getId()).singleResult();
        engine.getManagementService().executeJob(job.getId());
        assertThat(started).isWaitingAt("Task_Review");
    }

    @Test
    void aProvidersFormWithAnApprovedSecurityLevelStartsTheSameReview() {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> form = common("PROVIDER");
        form.put(StartForm.SERVICE_CODE, code);
        form.put(StartForm.SERVICE_NAME, "Tra cứu thử nghiệm");
        form.put(StartForm.SERVICE_DESCRIPTION, "Chia sẻ dữ liệu thử nghiệm");
        form.put(StartForm.SERVICE_VERSION, "v1");
        form.put(StartForm.SERVICE_BASE_URL, "http://127.0.0.1:9/api");
        form.put(StartForm.SERVICE_CLASSIFICATION, "PUBLIC");
        form.put(StartForm.SERVICE_OPEN_API, "{\"openapi\":\"3.0.0\"}");
        form.put(StartForm.SUPPORT_EMAIL, "support@example.vn");
        form.put(StartForm.SUPPORT_PHONE, "0241234567");
        form.put(StartForm.SECURITY_LEVEL, 3L);
        form.put(StartForm.SECURITY_DECISION, "QĐ-123");
        form.put(StartForm.SECURITY_APPROVED_ON, LocalDate.now().minusYears(1).toString());

        ProcessInstance started = submitAs("staff.stp", List.of("agency-staff"), form);

        Registrations.Registration registration = registrations.find(UUID.fromString(started.getBusinessKey())).orElseThrow();
        assertThat(registration.requestType()).isEqualTo("PROVIDER");
        assertThat(registration.serviceCode()).isEqualTo(code);
        assertThat(engine.getRuntimeService().getVariable(started.getId(), OnboardingProcess.Variables.SECURITY_LEVEL))
                .isEqualTo(3);
    }

    @Test
    void anIncompleteFormIsRefusedNamingWhatIsMissingAndNothingIsStored() {
        long before = registrationCount();
        Map<String, Object> form = consumer("csdl-dang-ky-doanh-nghiep");
        form.remove(StartForm.CONTACT_EMAIL);
        form.remove(StartForm.COMMITMENT_ACCEPTED);
        assertThatThrownBy(() -> submitAs("staff.stp", List.of("agency-staff"), form))
                .hasMessageContaining("contact.email").hasMessageContaining("securityCommitment");
        Map<String, Object> badNumber = consumer("csdl-dang-ky-doanh-nghiep");
        badNumber.put(StartForm.CALLS_PER_DAY, "nhiều");
        assertThatThrownBy(() -> submitAs("staff.stp", List.of("agency-staff"), badNumber))
                .hasMessageContaining(StartForm.CALLS_PER_DAY);
        assertThat(registrationCount()).isEqualTo(before);
    }

    @Test
    void anAccountOfNoAgencyOrWithoutTheRightStartsNothing() {
        long before = registrationCount();
        // an account Keycloak does not know as any agency's staff
        assertThatThrownBy(() -> submitAs("nobody-" + UUID.randomUUID(), List.of("agency-staff"),
                consumer("csdl-dang-ky-doanh-nghiep"))).hasMessageContaining("belongs to no agency");
        // DOST operators may not start an agency's registration
        assertThatThrownBy(() -> submitAs("operator", List.of("dost-operators"), consumer("csdl-dang-ky-doanh-nghiep")))
                .isInstanceOf(AuthorizationException.class);
        assertThat(registrationCount()).isEqualTo(before);
    }

    private ProcessInstance submitAs(String user, List<String> groups, Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(OnboardingProcess.PROCESS_KEY).latestVersion().singleResult().getId();
            return engine.getFormService().submitStartForm(definition, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private long registrationCount() {
        return jdbc.queryForObject("select count(*) from lgsp.registration", Long.class);
    }

    private static Map<String, Object> consumer(String service) {
        Map<String, Object> form = common("CONSUMER");
        form.put(StartForm.WANTED_SERVICE, service);
        form.put(StartForm.WANTED_VERSION, "v1");
        form.put(StartForm.PURPOSE, "Giải quyết thủ tục hành chính");
        form.put(StartForm.SCOPE, "Tra cứu theo hồ sơ");
        form.put(StartForm.LEGAL_BASIS, "Nghị định 47/2020");
        form.put(StartForm.CALLS_PER_DAY, 100L);
        form.put(StartForm.COMMITMENT_SIGNED_BY, "Trần Văn Cam");
        form.put(StartForm.COMMITMENT_POSITION, "Giám đốc");
        form.put(StartForm.COMMITMENT_SIGNED_ON, LocalDate.now().toString());
        form.put(StartForm.COMMITMENT_ACCEPTED, true);
        return form;
    }

    private static Map<String, Object> common(String type) {
        Map<String, Object> form = new HashMap<>();
        form.put(StartForm.TYPE, type);
        form.put(StartForm.SYSTEM_NAME, "Hệ thống một cửa điện tử");
        form.put(StartForm.SYSTEM_BASE_URL, "http://127.0.0.1:9");
        form.put(StartForm.SYSTEM_DESCRIPTION, "Thử nghiệm");
        form.put(StartForm.CONTACT_NAME, "Nguyễn Văn Liên");
        form.put(StartForm.CONTACT_POSITION, "Chuyên viên");
        form.put(StartForm.CONTACT_EMAIL, "stp@example.vn");
        form.put(StartForm.CONTACT_PHONE, "0241234567");
        return form;
    }

    private static void collect(JsonNode component, Set<String> keys) {
        if (component.has("key")) {
            keys.add(component.path("key").asText());
        }
        component.path("components").forEach(c -> collect(c, keys));
    }
}
