package vn.hanoi.lgsp.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.GatewayUsage;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notice.NoticeKind;

/**
 * Every path of {@code service-version-upgrade} (R-15, App1 §3.4) with the engine's clock moved:
 * reviewed, tested, published with 180 days' overlap (or the provider's later day); reminders
 * at 90, 30 and 7 days only to consumers that still called the old version in the last 7 days;
 * at the sunset the old version retired and its grants revoked, and DOST given the consumers that
 * never moved; refused at review or at test; reviewers reminded and leaders told when late.
 */
class ServiceVersionUpgradeProcessTest extends LifecycleProcessTest {

    @Autowired
    TransactionLog transactions;
    @Autowired
    GatewayUsage usage;

    private ServiceLifecycle.UpgradeRequest v2(LocalDate sunsetOn) {
        return new ServiceLifecycle.UpgradeRequest("v2", "http://127.0.0.1:9/v2", "{\"openapi\":\"3.0.0\"}", null, null,
                null, "Trường ngaySinh đổi sang định dạng ISO 8601", sunsetOn);
    }

    @Test
    void publishedWithOverlapRemindsOnlyWhoStillCallsAndRetiresTheOldVersion() {
        String code = publishedService();
        String wardMail = mailbox("ward");
        String financeMail = mailbox("finance");
        consumer(WARD, code, "v1", wardMail);
        consumer(FINANCE, code, "v1", financeMail);

        String id = lifecycle.submitUpgrade(code, v2(null), agency(JUSTICE)).processInstanceId();
        assertThat(catalog.require(code).version("v2").orElseThrow().status()).isEqualTo(VersionStatus.DRAFT);
        runAsync(id);
        assertThat(instance(id)).isWaitingAt("Task_ReviewVersion");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task(id).getId()))
                .anyMatch(l -> "dost-reviewers".equals(l.getGroupId()));
        complete(id, Map.of(UpgradeProcess.Variables.REVIEW_DECISION, UpgradeProcess.APPROVED));
        runAsync(id);
        assertThat(catalog.require(code).version("v2").orElseThrow().status()).isEqualTo(VersionStatus.TEST);

        assertThat(instance(id)).isWaitingAt("Task_ConfirmVersionTest");
        setClock(now().plus(Duration.ofDays(1)));
        Instant publishedAt = now();
        complete(id, Map.of(UpgradeProcess.Variables.TEST_RESULT, UpgradeProcess.TEST_PASSED));
        runAsync(id);

        ServiceVersion v1 = catalog.require(code).version("v1").orElseThrow();
        assertThat(catalog.require(code).version("v2").orElseThrow().status()).isEqualTo(VersionStatus.PUBLISHED);
        assertThat(v1.status()).isEqualTo(VersionStatus.DEPRECATED);
        Instant sunset = v1.sunsetAt();
        assertThat(Duration.between(publishedAt, sunset).toDays()).isEqualTo(UpgradeProcess.OVERLAP_DAYS);
        assertThat(notices.list(new NoticeBoard.Query(NoticeKind.NEW_VERSION, code, null, null, null))).hasSize(1);
        assertThat(notices.list(new NoticeBoard.Query(NoticeKind.DEPRECATION, code, null, null, null)))
                .singleElement().satisfies(n -> assertThat(n.effectiveAt()).isEqualTo(sunset));
        assertThat(mailTo(wardMail)).anyMatch(s -> s.contains("Phiên bản mới " + code + " v2"));
        assertThat(mailTo(financeMail)).anyMatch(s -> s.contains("Phiên bản mới " + code + " v2"));

        // the ward moves by the short path: a production grant on v2 at once, v1 kept until the sunset
        AccessGrant moved = lifecycle.migrate(code, "v2", agency(WARD));
        assertThat(moved.environment()).isEqualTo(AccessGrant.Environment.PRODUCTION);
        assertThat(grants.active(WARD, code, "v1", AccessGrant.Environment.PRODUCTION)).isTrue();

        assertThat(timer(id, "Timer_Reminder90").getDuedate()).isEqualTo(Date.from(sunset.minus(Duration.ofDays(90))));
        // in the week before the first reminder the finance department still called v1; the ward called only v2
        setClock(sunset.minus(Duration.ofDays(92)));
        gatewayCall(FINANCE, code, "v1");
        gatewayCall(WARD, code, "v2");
        awaitUsage(code, 2);
        fireAtItsTime(id, "Timer_Reminder90");
        assertThat(variable(id, "remindedAt90Days")).isEqualTo(List.of(FINANCE));
        assertThat(mailTo(financeMail)).anyMatch(s -> s.contains("dừng sau 90 ngày"));
        assertThat(mailTo(wardMail)).noneMatch(s -> s.contains("dừng sau"));

        // by the 30-day reminder nobody had called v1 for a week: nobody is reminded
        fireAtItsTime(id, "Timer_Reminder30");
        assertThat(variable(id, "remindedAt30Days")).isEqualTo(List.of());
        fireAtItsTime(id, "Timer_Reminder7");

        assertThat(timer(id, "Timer_Sunset").getDuedate()).isEqualTo(Date.from(sunset));
        fireAtItsTime(id, "Timer_Sunset");

        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(grants.active(FINANCE, code, "v1", AccessGrant.Environment.PRODUCTION)).isFalse();
        assertThat(grants.active(WARD, code, "v1", AccessGrant.Environment.PRODUCTION)).isFalse();
        assertThat(grants.active(WARD, code, "v2", AccessGrant.Environment.PRODUCTION)).isTrue();
        assertThat(instance(id)).isWaitingAt("Task_FollowUpStragglers");
        assertThat(variable(id, UpgradeProcess.Variables.STRAGGLER_SUMMARY)).isEqualTo(FINANCE);
        assertThat(mailTo(financeMail)).anyMatch(s -> s.contains("chưa chuyển phiên bản"));
        complete(id, Map.of("followUpNotes", "Đã làm việc với Sở Tài chính"));
        assertThat(instance(id)).isNull();
    }

    @Test
    void theProvidersLaterSunsetIsKeptAndEveryoneMovedEndsWithoutFollowUp() {
        String code = publishedService();
        consumer(WARD, code, "v1", mailbox("ward"));
        LocalDate chosen = today().plusDays(250);
        String id = lifecycle.submitUpgrade(code, v2(chosen), agency(JUSTICE)).processInstanceId();
        runAsync(id);
        complete(id, Map.of(UpgradeProcess.Variables.REVIEW_DECISION, UpgradeProcess.APPROVED));
        runAsync(id);
        complete(id, Map.of(UpgradeProcess.Variables.TEST_RESULT, UpgradeProcess.TEST_PASSED));
        runAsync(id);
        assertThat(catalog.require(code).version("v1").orElseThrow().sunsetAt())
                .isEqualTo(chosen.atStartOfDay(HANOI).toInstant());
        lifecycle.migrate(code, "v2", agency(WARD));

        fireAtItsTime(id, "Timer_Reminder90");
        fireAtItsTime(id, "Timer_Reminder30");
        fireAtItsTime(id, "Timer_Reminder7");
        fireAtItsTime(id, "Timer_Sunset");

        assertThat(instance(id)).isNull();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId("End_Upgraded").count()).isEqualTo(1);
    }

    @Test
    void aSunsetSoonerThan180DaysOrAMoveWithoutAnEarlierGrantIsRefused() {
        String code = publishedService();
        assertThatThrownBy(() -> lifecycle.submitUpgrade(code, v2(today().plusDays(179)), agency(JUSTICE)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("180 days");
                });
        assertThat(catalog.require(code).version("v2")).isEmpty();
        assertThatThrownBy(() -> lifecycle.submitUpgrade(code, v2(null), agency(WARD)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.FORBIDDEN));

        String id = lifecycle.submitUpgrade(code, v2(null), agency(JUSTICE)).processInstanceId();
        runAsync(id);
        complete(id, Map.of(UpgradeProcess.Variables.REVIEW_DECISION, UpgradeProcess.APPROVED));
        runAsync(id);
        complete(id, Map.of(UpgradeProcess.Variables.TEST_RESULT, UpgradeProcess.TEST_PASSED));
        runAsync(id);
        // a consumer that never onboarded gets no grant by the short path
        assertThatThrownBy(() -> lifecycle.migrate(code, "v2", agency(FINANCE)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void refusedAtReviewTheVersionIsWithdrawn() {
        String code = publishedService();
        String id = lifecycle.submitUpgrade(code, v2(null), agency(JUSTICE)).processInstanceId();
        runAsync(id);
        complete(id, Map.of(UpgradeProcess.Variables.REVIEW_DECISION, UpgradeProcess.REJECTED,
                UpgradeProcess.Variables.REVIEW_COMMENT, "Thiếu tài liệu OpenAPI đầy đủ"));
        runAsync(id);

        assertThat(instance(id)).isNull();
        ServiceVersion v2 = catalog.require(code).version("v2").orElseThrow();
        assertThat(v2.status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(v2.publishedAt()).isNull();
        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.PUBLISHED);
    }

    @Test
    void failedAtTestTheVersionIsWithdrawn() {
        String code = publishedService();
        String id = lifecycle.submitUpgrade(code, v2(null), agency(JUSTICE)).processInstanceId();
        runAsync(id);
        complete(id, Map.of(UpgradeProcess.Variables.REVIEW_DECISION, UpgradeProcess.APPROVED));
        runAsync(id);
        complete(id, Map.of(UpgradeProcess.Variables.TEST_RESULT, UpgradeProcess.TEST_FAILED));
        runAsync(id);

        assertThat(instance(id)).isNull();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId("End_Withdrawn").count()).isEqualTo(1);
        assertThat(catalog.require(code).version("v2").orElseThrow().status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.PUBLISHED);
    }

    @Test
    void lateReviewRemindsReviewersThenTellsLeaders() {
        String code = publishedService();
        String id = lifecycle.submitUpgrade(code, v2(null), agency(JUSTICE)).processInstanceId();
        runAsync(id);
        fireAtItsTime(id, "Timer_ReviewReminder");
        assertThat(mailTo("reviewer@lgsp.hanoi.demo")).anyMatch(s -> s.contains("Nhắc hạn thẩm định phiên bản mới " + code));
        fireAtItsTime(id, "Timer_ReviewOverdue");
        assertThat(mailTo("leader@lgsp.hanoi.demo")).anyMatch(s -> s.contains("Quá hạn thẩm định phiên bản mới " + code));
        assertThat(instance(id)).isWaitingAt("Task_ReviewVersion");
    }

    private void gatewayCall(String consumer, String service, String version) {
        transactions.record(new TransactionDocument(UUID.randomUUID().toString(), now(), "gateway-call", "GET",
                "/api/v1/gateway/" + service + "/" + version + "/x", consumer, JUSTICE, service, version, null, null,
                null, "00", null, 200, 25L, 0L, 100L, "production", 20L, null, null));
    }

    private void awaitUsage(String service, int rows) {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (usage.usage(now().minus(Duration.ofDays(7)), now().plusSeconds(1), null, JUSTICE).stream()
                .filter(r -> r.service().equals(service)).count() < rows) {
            assertThat(Instant.now()).as("gateway calls shipped to Elasticsearch").isBefore(giveUp);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
