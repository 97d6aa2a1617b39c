package vn.hanoi.lgsp.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notice.NoticeKind;

/**
 * Every path of {@code service-retirement} (R-16, App1 §3.5a) with the engine's clock moved:
 * 59 days' notice refused and 60 accepted; confirmed, reminded at 30 and 7 days, retired on the
 * day with every grant revoked and the service's clients disabled; refused by DOST; late
 * confirmation reported to DOST's leaders.
 */
class ServiceRetirementProcessTest extends LifecycleProcessTest {

    @Test
    void fiftyNineDaysNoticeIsRefusedAndSixtyAccepted() {
        String code = publishedService();

        assertThatThrownBy(() -> lifecycle.announceRetirement(code, today().plusDays(59), "Hợp nhất dịch vụ", agency(JUSTICE)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("at least 60 days").contains(today().plusDays(60).toString());
                });
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(RetirementProcess.PROCESS_KEY).processInstanceBusinessKey(code).count()).isZero();

        ServiceLifecycle.Started started = lifecycle.announceRetirement(code, today().plusDays(60), "Hợp nhất dịch vụ",
                agency(JUSTICE));
        assertThat(instance(started.processInstanceId())).isNotNull();
        // once announced, a second announcement is a duplicate, and only the provider or DOST may announce
        assertThatThrownBy(() -> lifecycle.announceRetirement(code, today().plusDays(90), "lần hai", DOST))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.DUPLICATE));
        String other = publishedService();
        assertThatThrownBy(() -> lifecycle.announceRetirement(other, today().plusDays(90), "không phải của mình", agency(WARD)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void confirmedRetirementRemindsAndEndsEverythingOnTheDay() {
        String code = publishedService();
        String wardMail = mailbox("ward");
        String wardClient = consumer(WARD, code, "v1", wardMail);
        ServiceLifecycle.Started started = lifecycle.announceRetirement(code, today().plusDays(60), "Thay bằng dịch vụ mới",
                agency(JUSTICE));
        String id = started.processInstanceId();
        Instant retireAt = today().plusDays(60).atStartOfDay(HANOI).toInstant();
        runAsync(id);

        // consumers hear of it at once: the 60 days count from here
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("Dự kiến dừng dịch vụ " + code));
        assertThat(instance(id)).isWaitingAt("Task_ConfirmRetirement");
        Task confirm = task(id);
        assertThat(engine.getTaskService().getIdentityLinksForTask(confirm.getId()))
                .anyMatch(l -> "dost-operators".equals(l.getGroupId()));
        assertThat(confirm.getDueDate()).isEqualTo(variable(id, RetirementProcess.Variables.CONFIRM_DUE));

        // DOST confirms two days later: the notice still runs from the announcement
        setClock(now().plus(Duration.ofDays(2)));
        complete(id, Map.of(RetirementProcess.Variables.DECISION, RetirementProcess.CONFIRMED));
        runAsync(id);
        ServiceVersion v1 = catalog.require(code).version("v1").orElseThrow();
        assertThat(v1.status()).isEqualTo(VersionStatus.DEPRECATED);
        assertThat(v1.sunsetAt()).isEqualTo(retireAt);
        assertThat(notices.list(new NoticeBoard.Query(NoticeKind.RETIREMENT, code, null, null, null))).hasSize(1);
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("Thông báo dừng dịch vụ " + code));

        assertThat(timer(id, "Timer_Reminder30").getDuedate()).isEqualTo(Date.from(retireAt.minus(Duration.ofDays(30))));
        fireAtItsTime(id, "Timer_Reminder30");
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("dừng sau 30 ngày"));
        assertThat(timer(id, "Timer_Reminder7").getDuedate()).isEqualTo(Date.from(retireAt.minus(Duration.ofDays(7))));
        fireAtItsTime(id, "Timer_Reminder7");
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("dừng sau 7 ngày"));
        assertThat(grants.active(WARD, code, "v1", AccessGrant.Environment.PRODUCTION)).isTrue();

        assertThat(timer(id, "Timer_RetireAt").getDuedate()).isEqualTo(Date.from(retireAt));
        fireAtItsTime(id, "Timer_RetireAt");

        assertThat(instance(id)).isNull();
        assertThat(catalog.require(code).status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(grants.active(WARD, code, "v1", AccessGrant.Environment.PRODUCTION)).isFalse();
        assertThat(keycloak.clientEnabled(wardClient)).isFalse();
        assertThat(keycloak.clientExists(wardClient)).isTrue();
        assertThat(notices.list(new NoticeBoard.Query(NoticeKind.RETIRED, code, null, null, null))).hasSize(1);
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("Đã dừng dịch vụ " + code));
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId("End_Retired").count()).isEqualTo(1);
    }

    @Test
    void aVersionNeverPublishedEndsWithTheService() {
        String code = publishedService();
        catalog.addVersion(code, new vn.hanoi.lgsp.catalog.ServiceCatalog.NewVersion("v2", "http://127.0.0.1:9/v2", null,
                null, null, null), "test");
        String id = lifecycle.announceRetirement(code, today().plusDays(61), "Dừng hẳn", DOST).processInstanceId();
        runAsync(id);
        complete(id, Map.of(RetirementProcess.Variables.DECISION, RetirementProcess.CONFIRMED));
        runAsync(id);
        fireAtItsTime(id, "Timer_Reminder30");
        fireAtItsTime(id, "Timer_Reminder7");
        fireAtItsTime(id, "Timer_RetireAt");

        assertThat(catalog.require(code).version("v2").orElseThrow().status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(catalog.require(code).version("v2").orElseThrow().publishedAt()).isNull();
        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.RETIRED);
    }

    @Test
    void dostRefusalChangesNothing() {
        String code = publishedService();
        String wardMail = mailbox("ward");
        consumer(WARD, code, "v1", wardMail);
        String id = lifecycle.announceRetirement(code, today().plusDays(70), "Thử", agency(JUSTICE)).processInstanceId();
        runAsync(id);
        complete(id, Map.of(RetirementProcess.Variables.DECISION, RetirementProcess.REFUSED,
                RetirementProcess.Variables.COMMENT, "Còn đơn vị phụ thuộc"));
        runAsync(id);

        assertThat(instance(id)).isNull();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId("End_Refused").count()).isEqualTo(1);
        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.PUBLISHED);
        assertThat(grants.active(WARD, code, "v1", AccessGrant.Environment.PRODUCTION)).isTrue();
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("Không chấp thuận dừng dịch vụ " + code));
        assertThat(notices.list(new NoticeBoard.Query(null, code, null, null, null))).isEmpty();
    }

    @Test
    void confirmationLateByFiveWorkingDaysIsReportedToLeaders() {
        String code = publishedService();
        String id = lifecycle.announceRetirement(code, today().plusDays(65), "Thử", agency(JUSTICE)).processInstanceId();
        runAsync(id);
        fireAtItsTime(id, "Timer_ConfirmOverdue");

        assertThat(mailTo("leader@lgsp.hanoi.demo")).anyMatch(s -> s.contains("Quá hạn xác nhận dừng dịch vụ " + code));
        assertThat(instance(id)).isWaitingAt("Task_ConfirmRetirement");
    }
}
