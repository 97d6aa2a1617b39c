package vn.hanoi.lgsp.onboarding;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * Every path of {@code service-onboarding}: the test plays the
 * applicant, DOST staff, the provider and the clock; Keycloak, the catalog and mail are real.
 */
public class ServiceOnboardingProcessTest extends ProcessTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    static final String FINANCE = "000.00.14.H26";

    @Autowired
    OnboardingService onboarding;
    @Autowired
    Registrations registrations;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    AccessGrants grants;
    @Autowired
    KeycloakAdmin keycloak;

    @Test
    void providerIsReviewedTestedAndPublished() {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Submitted s = submit(JUSTICE, provider(code, "PUBLIC"));
        execute(job(s.instance()));

        assertThat(s.instance()).isWaitingAt("Task_Review");
        Task review = task(s);
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
                .anyMatch(l -> "dost-reviewers".equals(l.getGroupId()));
        assertThat(review.getDueDate()).isNotNull();
        complete(review, Map.of("reviewDecision", "APPROVE"));

        assertThat(s.instance()).hasPassed("Gateway_LeaderNeeded").isWaitingAt("Task_ProvisionTest");
        execute(job(s.instance()));
        execute(job(s.instance()));
        assertThat(status(s)).isEqualTo(RegistrationStatus.TESTING);
        assertThat(keycloak.clientExists(OnboardingSteps.clientId(registration(s), "test"))).isTrue();
        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.TEST);
        assertThat(mailTo("stp@example.vn")).anyMatch(subject -> subject.contains("Hướng dẫn kết nối thử nghiệm"));

        assertThat(s.instance()).isWaitingAt("Event_TestConfirmed", "Task_ConfirmTest");
        onboarding.confirmTest(s.id(), JUSTICE);
        complete(task(s), Map.of("testResult", "PASSED"));
        execute(job(s.instance()));
        execute(job(s.instance()));

        assertThat(s.instance()).isEnded().hasPassed("End_Activated");
        assertThat(status(s)).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(keycloak.clientExists(OnboardingSteps.clientId(registration(s), "prod"))).isTrue();
        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.PUBLISHED);
    }

    @Test
    void consumerNeedsTheProvidersPermissionAndGetsItsGrants() {
        String service = publishedService(JUSTICE, "PUBLIC");
        Submitted s = submit(WARD, consumer(service, 0));
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "APPROVE"));
        execute(job(s.instance()));

        assertThat(s.instance()).isWaitingAt("Gateway_AwaitProvider");
        assertThat(status(s)).isEqualTo(RegistrationStatus.AWAITING_PROVIDER);
        onboarding.providerDecision(s.id(), JUSTICE, true, "đồng ý");
        execute(job(s.instance()));
        execute(job(s.instance()));
        assertThat(grants.active(WARD, service, "v1", AccessGrant.Environment.TEST)).isTrue();
        onboarding.confirmTest(s.id(), WARD);
        complete(task(s), Map.of("testResult", "PASSED"));
        execute(job(s.instance()));
        execute(job(s.instance()));

        assertThat(s.instance()).isEnded().hasPassed("End_Activated");
        assertThat(grants.active(WARD, service, "v1", AccessGrant.Environment.PRODUCTION)).isTrue();
    }

    @Test
    void personalDataForAWeaklySecuredConsumerNeedsTheLeaders() {
        String service = publishedService(JUSTICE, "PERSONAL_DATA");
        Submitted s = submit(WARD, consumer(service, 2));
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "APPROVE"));

        assertThat(s.instance()).isWaitingAt("Task_LeaderApproval");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task(s).getId()))
                .anyMatch(l -> "dost-leaders".equals(l.getGroupId()));
        complete(task(s), Map.of("leaderDecision", "APPROVE"));
        assertThat(s.instance()).isWaitingAt("Task_AskProvider");
    }

    @Test
    void leadersRefusalRejectsAndLeavesNoCredentials() {
        String service = publishedService(JUSTICE, "CONFIDENTIAL");
        Submitted s = submit(WARD, consumer(service, 4));
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "APPROVE"));
        complete(task(s), Map.of("leaderDecision", "REJECT", "leaderComment", "dữ liệu mật"));
        execute(job(s.instance()));

        assertRejected(s, "dữ liệu mật");
    }

    @Test
    void reviewerRejectionEndsTheRequest() {
        Submitted s = submit(JUSTICE, provider("svc-" + UUID.randomUUID().toString().substring(0, 8), "PUBLIC"));
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "REJECT", "reviewComment", "thiếu tài liệu kỹ thuật"));
        execute(job(s.instance()));

        assertRejected(s, "thiếu tài liệu kỹ thuật");
    }

    @Test
    void returnedRequestIsReviewedAgainOnceCorrected() {
        RegistrationForm form = provider("svc-" + UUID.randomUUID().toString().substring(0, 8), "PUBLIC");
        Submitted s = submit(JUSTICE, form);
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "RETURN", "reviewComment", "bổ sung OpenAPI"));
        execute(job(s.instance()));

        assertThat(s.instance()).isWaitingAt("Gateway_AwaitCorrection");
        assertThat(status(s)).isEqualTo(RegistrationStatus.RETURNED);
        onboarding.correct(s.id(), JUSTICE, form);

        assertThat(s.instance()).hasPassed("Event_Corrected").isWaitingAt("Task_Review");
        assertThat(status(s)).isEqualTo(RegistrationStatus.IN_REVIEW);
    }

    @Test
    void requestNotCorrectedInTimeIsWithdrawn() {
        Submitted s = submit(JUSTICE, provider("svc-" + UUID.randomUUID().toString().substring(0, 8), "PUBLIC"));
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "RETURN"));
        execute(job(s.instance()));

        fireTimer(s, "Event_CorrectionDeadline");
        execute(job(s.instance()));

        assertThat(s.instance()).isEnded().hasPassed("End_Withdrawn");
        assertThat(status(s)).isEqualTo(RegistrationStatus.WITHDRAWN);
    }

    @Test
    void providersRefusalRejects() {
        String service = publishedService(JUSTICE, "PUBLIC");
        Submitted s = submit(WARD, consumer(service, 0));
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "APPROVE"));
        execute(job(s.instance()));
        onboarding.providerDecision(s.id(), JUSTICE, false, "không đủ điều kiện");
        execute(job(s.instance()));

        assertRejected(s, "không đủ điều kiện");
    }

    @Test
    void providerSilentForFiveWorkingDaysRejects() {
        String service = publishedService(JUSTICE, "PUBLIC");
        Submitted s = submit(WARD, consumer(service, 0));
        execute(job(s.instance()));
        complete(task(s), Map.of("reviewDecision", "APPROVE"));
        execute(job(s.instance()));

        fireTimer(s, "Event_ProviderDeadline");
        execute(job(s.instance()));

        assertRejected(s, "did not answer");
    }

    @Test
    void reviewersAreRemindedAndLeadersToldWhenFiveWorkingDaysRunOut() {
        Submitted s = submit(JUSTICE, provider("svc-" + UUID.randomUUID().toString().substring(0, 8), "PUBLIC"));
        execute(job(s.instance()));
        Map<String, Object> variables = engine.getRuntimeService().getVariables(s.instance().getId());
        assertThat((java.util.Date) variables.get("reviewDue")).isAfter((java.util.Date) variables.get("reviewReminderAt"));

        fireTimer(s, "Timer_ReviewReminder");
        fireTimer(s, "Timer_ReviewOverdue");

        assertThat(s.instance()).hasPassed("Task_RemindReviewers", "End_Reminded", "Task_EscalateReview", "End_Escalated")
                .isWaitingAt("Task_Review");
        assertThat(mailTo("reviewer@lgsp.hanoi.demo"))
                .anyMatch(subject -> subject.contains("Nhắc hạn thẩm định"));
        assertThat(mailTo("leader@lgsp.hanoi.demo")).anyMatch(subject -> subject.contains("Quá hạn thẩm định"));
    }

    private void assertRejected(Submitted s, String reason) {
        assertThat(s.instance()).isEnded().hasPassed("End_Rejected").hasNotPassed("Task_ProvisionTest");
        Registrations.Registration r = registration(s);
        assertThat(r.status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(r.decisionComment()).contains(reason);
        assertThat(keycloak.clientExists(OnboardingSteps.clientId(r, "test"))).isFalse();
        assertThat(keycloak.clientExists(OnboardingSteps.clientId(r, "prod"))).isFalse();
    }

    // ---- helpers ----

    record Submitted(UUID id, ProcessInstance instance) {
    }

    private Submitted submit(String agency, RegistrationForm form) {
        Registrations.Registration r = onboarding.submit(agency, form);
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(r.id().toString()).singleResult();
        return new Submitted(r.id(), instance);
    }

    private String publishedService(String provider, String classification) {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Dịch vụ thử " + code, "Mô tả", provider,
                DataClassification.valueOf(classification), "v1", "http://127.0.0.1:9/api", "{\"openapi\":\"3.0.0\"}",
                null, List.of(), null));
    }

    public static RegistrationForm provider(String code, String classification) {
        return new RegistrationForm("PROVIDER", system(), contact("stp@example.vn"),
                new RegistrationForm.ProvidedService(code, "Tra cứu thử nghiệm", "Chia sẻ dữ liệu thử nghiệm", "v1",
                        "http://127.0.0.1:9/api", classification, "{\"openapi\":\"3.0.0\"}", null,
                        List.of(new RegistrationForm.Document("Tài liệu kỹ thuật", "http://127.0.0.1:9/doc")),
                        contact("support@example.vn")),
                null, commitment(), null);
    }

    static RegistrationForm consumer(String service, int securityLevel) {
        return new RegistrationForm("CONSUMER", system(), contact("ward@example.vn"), null,
                new RegistrationForm.Consumption(service, "v1", "Giải quyết thủ tục hành chính", "Tra cứu theo hồ sơ",
                        "Nghị định 47/2020", 100),
                securityLevel == 0 ? commitment() : null,
                securityLevel == 0 ? null : new RegistrationForm.ApprovedSecurityLevel(securityLevel, "QĐ-123", LocalDate.now()));
    }

    static RegistrationForm.SystemInfo system() {
        return new RegistrationForm.SystemInfo("Hệ thống một cửa điện tử", "http://127.0.0.1:9", "Thử nghiệm");
    }

    static RegistrationForm.Contact contact(String email) {
        return new RegistrationForm.Contact("Nguyễn Văn Liên", "Chuyên viên", email, "0241234567");
    }

    static RegistrationForm.SecurityCommitment commitment() {
        return new RegistrationForm.SecurityCommitment("Trần Văn Cam", "Giám đốc", LocalDate.now(), true);
    }

    private Task task(Submitted s) {
        return engine.getTaskService().createTaskQuery().processInstanceId(s.instance().getId()).singleResult();
    }

    private void complete(Task task, Map<String, Object> variables) {
        engine.getTaskService().complete(task.getId(), variables);
    }

    private void fireTimer(Submitted s, String activity) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(s.instance().getId())
                .activityId(activity).timers().singleResult();
        assertThat(timer).as("timer at " + activity).isNotNull();
        engine.getManagementService().executeJob(timer.getId());
    }

    private RegistrationStatus status(Submitted s) {
        return registration(s).status();
    }

    private Registrations.Registration registration(Submitted s) {
        return registrations.find(s.id()).orElseThrow();
    }

    private static List<String> mailTo(String address) {
        return vn.hanoi.lgsp.support.ReceivedMail.subjectsTo(address);
    }
}
