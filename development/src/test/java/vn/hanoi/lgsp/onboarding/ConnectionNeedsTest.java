package vn.hanoi.lgsp.onboarding;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * An agency's duties to the LGSP's connections (Đ16.3, Đ16.5, R-27): a need to connect is met by
 * its next registration, on time within 7 working days or late; a need past its deadline is
 * recalled to the agency and DOST once a day; a cancellation of the whole connection, once DOST
 * confirms, ends every grant and disables every credential of the agency.
 */
class ConnectionNeedsTest extends ProcessTest {

    private static final String PROVIDER = "000.00.13.H26";
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    ConnectionNeeds needs;
    @Autowired
    ConnectionNeedReminders reminders;
    @Autowired
    OnboardingService onboarding;
    @Autowired
    AgencyRegistry agencies;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    AccessGrants grants;
    @Autowired
    KeycloakAdmin keycloak;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNeedToConnectIsRecalledWhenLateAndMetByTheNextRegistration() {
        String agency = newAgency();
        String contact = "lienhe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        String service = publishedService();
        LocalDate today = LocalDate.now(HANOI);
        LocalDate longAgo = today.minusDays(20);

        ConnectionNeeds.Need late = needs.record(agency, ConnectionNeeds.Kind.CONNECT, longAgo, "Khai thác dữ liệu hộ tịch", "operator");
        assertThat(late.dueOn()).isEqualTo(calendar.addWorkingDays(longAgo, 7)).isBefore(today);

        // the agency's first registration gives it a contact address; it meets the late need
        onboarding.submit(agency, form(service, contact));
        ConnectionNeeds.Need met = needs.of(agency).get(0);
        assertThat(met.fulfilledAt()).isNotNull();
        assertThat(met.fulfilledBy()).startsWith("registration:");
        assertThat(met.onTime()).isFalse();

        ConnectionNeeds.Need fresh = needs.record(agency, ConnectionNeeds.Kind.CONNECT, today, "Khai thác thêm dữ liệu",
                "system-" + agency);
        ConnectionNeeds.Need overdue = needs.record(agency, ConnectionNeeds.Kind.CANCEL, today.minusDays(15),
                "Ngừng hệ thống cũ", "operator");
        int sent = reminders.remind(today);
        assertThat(sent).isGreaterThanOrEqualTo(1);
        assertThat(mailTo(contact)).anyMatch(s -> s.contains("Quá hạn đề nghị hủy bỏ kết nối") && s.contains(agency));
        assertThat(mailTo("operator@lgsp.hanoi.demo")).anyMatch(s -> s.contains(agency));
        assertThat(mailTo(contact)).noneMatch(s -> s.contains("đăng ký nhu cầu kết nối"))
                .as("the fresh need to connect is not due yet");
        int before = mailTo(contact).size();
        reminders.remind(today);
        assertThat(mailTo(contact)).as("once a day").hasSize(before);

        onboarding.submit(agency, form(service, contact));
        ConnectionNeeds.Need second = needs.of(agency).stream().filter(n -> n.id().equals(fresh.id())).findFirst().orElseThrow();
        assertThat(second.onTime()).isTrue();
        assertThat(needs.of(agency).stream().filter(n -> n.id().equals(overdue.id())).findFirst().orElseThrow().fulfilledAt())
                .as("a registration does not meet a need to cancel").isNull();
    }

    @Test
    void badNeedsAreRefused() {
        String agency = newAgency();
        LocalDate today = LocalDate.now(HANOI);
        assertThatThrownBy(() -> needs.record(agency, ConnectionNeeds.Kind.CONNECT, today.plusDays(1), "x", "operator"))
                .isInstanceOf(ApiException.class).hasMessageContaining("identifiedOn");
        assertThatThrownBy(() -> needs.record(agency, ConnectionNeeds.Kind.CONNECT, today, " ", "operator"))
                .isInstanceOf(ApiException.class).hasMessageContaining("description");
        assertThatThrownBy(() -> needs.record("000.00.97.H26", ConnectionNeeds.Kind.CONNECT, today, "x", "operator"))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.UNKNOWN_AGENCY);
    }

    @Test
    void aCancelledConnectionEndsEveryGrantAndCredentialOnceDostConfirms() {
        String agency = newAgency();
        String service = publishedService();
        String client = "cancel-test-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.provisionAgencyClient(client, "Hệ thống " + agency, agency, "production");
        grants.grant(agency, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        needs.record(agency, ConnectionNeeds.Kind.CANCEL, LocalDate.now(HANOI), "Chuyển sang hệ thống mới", "operator");

        ConnectionNeeds.Cancellation started = needs.cancel(agency, "Đơn vị ngừng sử dụng LGSP", "system-" + agency);
        assertThatThrownBy(() -> needs.cancel(agency, "lần hai", "system-" + agency))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(needs.of(agency).get(0).fulfilledAt()).as("the request meets the need to cancel").isNotNull();

        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(started.id().toString()).singleResult();
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DostConfirms");
        assertThat(grants.activeOf(agency, service)).as("nothing ends before DOST confirms").hasSize(1);
        Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(engine.getTaskService().createTaskQuery().taskId(confirm.getId()).taskCandidateGroup("dost-operators")
                .count()).isEqualTo(1);
        // what Tasklist's form sends: the radio's value as text
        engine.getTaskService().complete(confirm.getId(), java.util.Map.of("confirmed", "true"));
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded();
        assertThat(grants.activeOf(agency, service)).isEmpty();
        assertThat(keycloak.clientEnabled(client)).isFalse();
        ConnectionNeeds.Cancellation done = needs.cancellations(agency).get(0);
        assertThat(done.completedAt()).isNotNull();
        assertThat(done.outcome()).isEqualTo("CANCELLED");
        assertThat(done.revokedGrants()).isEqualTo(1);
        assertThat(done.disabledClients()).isEqualTo(1);
    }

    @Test
    void dostMayKeepAConnectionButOnlyWithAReason() {
        String agency = newAgency();
        String service = publishedService();
        grants.grant(agency, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        ConnectionNeeds.Cancellation started = needs.cancel(agency, "Nhầm lẫn", "system-" + agency);
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(started.id().toString()).singleResult();
        execute(job(instance));
        Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();

        assertThatThrownBy(() -> engine.getTaskService().complete(confirm.getId(), java.util.Map.of("confirmed", "false")))
                .hasMessageContaining("lý do");
        engine.getTaskService().complete(confirm.getId(), java.util.Map.of("confirmed", "false",
                "decisionComment", "Đơn vị còn hồ sơ đang trao đổi"));

        assertThat(instance).isEnded().hasPassed("End_Kept").hasNotPassed("Task_Revoke");
        assertThat(grants.activeOf(agency, service)).hasSize(1);
        ConnectionNeeds.Cancellation kept = needs.cancellations(agency).get(0);
        assertThat(kept.outcome()).isEqualTo("KEPT");
        assertThat(kept.decisionComment()).contains("đang trao đổi");
        assertThat(needs.cancel(agency, "Lần này thật", "system-" + agency).completedAt())
                .as("a kept request no longer blocks a new one").isNull();
    }

    /** Units of the Department of Science and Technology made for this test alone (the demo data has 000.01.12.H26). */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_UNIT = new java.util.concurrent.atomic.AtomicInteger(40);

    private String newAgency() {
        String code = "000." + NEXT_UNIT.getAndIncrement() + ".12.H26";
        agencies.register(new AgencyRegistry.NewAgency(code, "Đơn vị thử " + code, null, LocalDate.of(2020, 1, 1)), "test");
        return code;
    }

    private String publishedService() {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Tra cứu thử " + code, "Mô tả", PROVIDER,
                DataClassification.PUBLIC, "v1", "http://127.0.0.1:9/api", "{\"openapi\":\"3.0.0\"}", null, List.of(),
                null));
    }

    private static RegistrationForm form(String service, String email) {
        return new RegistrationForm("CONSUMER",
                new RegistrationForm.SystemInfo("Hệ thống một cửa điện tử", "http://127.0.0.1:9", "Thử nghiệm"),
                new RegistrationForm.Contact("Nguyễn Văn Liên", "Chuyên viên", email, "0241234567"), null,
                new RegistrationForm.Consumption(service, "v1", "Giải quyết thủ tục hành chính", "Tra cứu theo hồ sơ",
                        "Nghị định 47/2020", 100),
                new RegistrationForm.SecurityCommitment("Trần Văn Cam", "Giám đốc", LocalDate.now(), true), null);
    }

    private static List<String> mailTo(String address) {
        return vn.hanoi.lgsp.support.ReceivedMail.subjectsTo(address);
    }
}
