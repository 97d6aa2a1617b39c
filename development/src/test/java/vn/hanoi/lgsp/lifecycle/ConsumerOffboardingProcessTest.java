package vn.hanoi.lgsp.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Every path of {@code consumer-offboarding} (Đ16.5, App1 §3.5b, R-16): the provider's staff
 * revoke within 5 working days; when late, DOST's operators do and DOST's leaders hear of it;
 * the consumer's clients for the service are disabled only when no grant on it remains.
 */
class ConsumerOffboardingProcessTest extends LifecycleProcessTest {

    @Autowired
    WorkingDayCalendar workingDays;

    @Test
    void providerStaffRevokeWithinFiveWorkingDays() {
        String code = publishedService();
        String wardMail = mailbox("ward");
        String client = consumer(WARD, code, "v1", wardMail);
        grants.grant(WARD, code, "v1", AccessGrant.Environment.TEST, "test");

        ServiceLifecycle.Started started = lifecycle.requestOffboarding(code, null, "Không còn thủ tục sử dụng",
                agency(WARD));
        String id = started.processInstanceId();
        runAsync(id);

        assertThat(instance(id)).isWaitingAt("Task_ProviderRevokes");
        Task revoke = task(id);
        // the provider's own staff, not DOST, not other agencies' staff
        assertThat(engine.getTaskService().getIdentityLinksForTask(revoke.getId()))
                .anyMatch(l -> "staff.stp".equals(l.getUserId()))
                .noneMatch(l -> "agency-staff".equals(l.getGroupId()) || "dost-operators".equals(l.getGroupId()));
        assertThat(revoke.getDueDate()).isEqualTo(Date.from(workingDays.deadline(START, OffboardingProcess.REVOKE_WORKING_DAYS)));
        // five working days from Tuesday 3 March 2026: Tuesday 10 March, close of business
        assertThat(revoke.getDueDate().toInstant().atZone(HANOI).toLocalDate()).hasToString("2026-03-10");

        engine.getIdentityService().setAuthenticatedUserId("staff.stp");
        try {
            complete(id, Map.of("revokeConfirmed", true, OffboardingProcess.Variables.REVOKE_COMMENT, "đã thu hồi"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        runAsync(id);

        assertThat(instance(id)).isNull();
        assertThat(grants.activeOf(WARD, code)).isEmpty();
        assertThat(grants.list(WARD).stream().filter(g -> g.service().equals(code)))
                .hasSize(2).allMatch(g -> "staff.stp".equals(g.revokedBy()));
        assertThat(keycloak.clientEnabled(client)).isFalse();
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("Đã thu hồi quyền khai thác " + code));
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId("Task_DostRevokes").count()).isZero();
    }

    @Test
    void lateRevocationIsTakenOverByDostAndReportedToLeaders() {
        String code = publishedService();
        String client = consumer(WARD, code, "v1", mailbox("ward"));
        String id = lifecycle.requestOffboarding(code, WARD, "Chuyển sang nguồn khác", DOST).processInstanceId();
        runAsync(id);

        fireAtItsTime(id, "Timer_RevokeOverdue");

        assertThat(instance(id)).isWaitingAt("Task_DostRevokes");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task(id).getId()))
                .anyMatch(l -> "dost-operators".equals(l.getGroupId()));
        assertThat(mailTo("leader@lgsp.hanoi.demo")).anyMatch(s -> s.contains("Quá hạn thu hồi quyền " + code));
        assertThat(grants.activeOf(WARD, code)).hasSize(1);

        complete(id, Map.of("revokeConfirmed", true));
        runAsync(id);
        assertThat(instance(id)).isNull();
        assertThat(grants.activeOf(WARD, code)).isEmpty();
        assertThat(keycloak.clientEnabled(client)).isFalse();
    }

    @Test
    void onlyTheConsumerItselfOrDostAskAndOnlyForAGrantItHolds() {
        String code = publishedService();
        consumer(WARD, code, "v1", mailbox("ward"));

        assertThatThrownBy(() -> lifecycle.requestOffboarding(code, WARD, "không phải của mình", agency(FINANCE)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> lifecycle.requestOffboarding(code, null, "chưa từng dùng", agency(FINANCE)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        lifecycle.requestOffboarding(code, null, "thôi dùng", agency(WARD));
        assertThatThrownBy(() -> lifecycle.requestOffboarding(code, null, "lần hai", agency(WARD)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.DUPLICATE));
        assertThat(grants.activeOf(WARD, code)).hasSize(1);
    }
}
