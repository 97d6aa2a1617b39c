package vn.hanoi.lgsp.exchange;

import vn.hanoi.lgsp.workercontract.RecordExchangeProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Errors;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Topics;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * Every path of {@code record-exchange} (R-01..R-04, R-08, R-18): the test plays the
 * workers, the destination and the clock, and checks where the process goes, the status
 * the parties see, and that no content is left at the end.
 */
class RecordExchangeProcessTest extends ProcessTest {

    private static final String SOURCE = "000.00.13.H26";
    private static final String HANOI_WARD = "000.00.61.H26";
    private static final String GOVERNMENT_OFFICE = "000.00.00.G22";
    private static final String WORKER = "process-test";

    @Autowired
    ExchangeService exchanges;
    @Autowired
    ExchangeStore store;
    @Autowired
    AgencyRegistry agencies;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    vn.hanoi.lgsp.connection.Incidents incidents;
    @Autowired
    ContentSweeper sweeper;

    @Test
    void localRecordIsPushedReceiptedAndItsResultReturned() {
        Submitted s = submit(HANOI_WARD, null);
        assertThat(s.instance()).isWaitingAt("Start_RecordAccepted");
        execute(job(s.instance()));

        assertThat(s.instance()).hasPassed("Gateway_Applicant", "Task_Route").isWaitingAt("Task_DeliverLocal");
        assertThat(status(s)).isEqualTo(ExchangeStatus.ROUTED);
        assertThat(variable(s, Variables.ROUTE)).isEqualTo("LOCAL");
        complete(Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));

        assertThat(s.instance()).hasPassed("Event_Delivered").isWaitingAt("Gateway_AwaitResult");
        assertThat(status(s)).isEqualTo(ExchangeStatus.DELIVERED);
        assertThat(contentLeft(s)).as("content is removed once delivered").isFalse();

        exchanges.reportResult(s.id(), HANOI_WARD, "00", "Đã xử lý", "HK/1");
        assertThat(s.instance()).isWaitingAt("Task_NotifyCompleted");
        assertThat(status(s)).isEqualTo(ExchangeStatus.COMPLETED);
        complete(Topics.NOTIFY_SOURCE, Map.of());

        assertThat(s.instance()).isEnded().hasPassed("End_Completed");
    }

    /**
     * The destination reports its result before the platform knows it holds the record (the
     * answer to the push was lost; the worker's lock expires and the push is repeated): the
     * result is kept, nobody is asked to retry, and the source is told as soon as the delivery
     * is recorded.
     */
    @Test
    void resultReportedBeforeTheDeliveryIsRecordedIsKeptAndReturnedOnceItIs() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        assertThat(s.instance()).isWaitingAt("Task_DeliverLocal");

        exchanges.reportResult(s.id(), HANOI_WARD, "00", "Đã xử lý trước khi biên nhận về", "HK/2");
        assertThat(s.instance()).isWaitingAt("Task_DeliverLocal");
        assertThat(store.find(s.id()).orElseThrow().resultCode()).isEqualTo("00");
        complete(Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));

        assertThat(s.instance()).hasPassed("Event_Delivered", "Gateway_ResultInHand")
                .hasNotPassed("Gateway_AwaitResult").isWaitingAt("Task_NotifyCompleted");
        assertThat(status(s)).isEqualTo(ExchangeStatus.COMPLETED);
        // the same result again is a repeat, not a conflict
        exchanges.reportResult(s.id(), HANOI_WARD, "00", "Đã xử lý trước khi biên nhận về", "HK/2");
        complete(Topics.NOTIFY_SOURCE, Map.of());
        assertThat(s.instance()).isEnded().hasPassed("End_Completed");
    }

    /** An early result does not survive a delivery that then fails for good: the timeline says it was not passed on. */
    @Test
    void earlyResultThenAFailedDeliveryEndsFailedAndTheTimelineSaysTheResultWasNotPassedOn() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        exchanges.reportResult(s.id(), HANOI_WARD, "00", "Đã xử lý", "HK/3");

        bpmnError(Topics.DELIVER_LOCAL, Errors.DELIVERY_FAILED, "the destination system refused the record: HTTP 400");
        execute(job("Task_OpenIncident", s.instance()));

        assertFailedWithOperatorTask(s, "refused the record");
        assertThat(store.events(s.id())).anySatisfy(e -> assertThat(e.detail()).contains("was not passed on"));
    }

    @Test
    void applicantVerifiedByVdxpGoesOnToRouting() {
        Submitted s = submit(HANOI_WARD, new SubmitRequest.Applicant("001090000001", "Nguyễn Văn An"));
        execute(job(s.instance()));

        assertThat(s.instance()).isWaitingAt("Task_VerifyIdentity");
        complete(Topics.VERIFY_IDENTITY, Map.of(Variables.IDENTITY_VERIFIED, true));

        assertThat(s.instance()).hasPassed("Gateway_IdentityOk", "Task_Route").isWaitingAt("Task_DeliverLocal");
    }

    @Test
    void applicantNotVerifiedIsRefusedAndTheSourceTold() {
        Submitted s = submit(HANOI_WARD, new SubmitRequest.Applicant("009999999999", null));
        execute(job(s.instance()));
        complete(Topics.VERIFY_IDENTITY, Map.of(Variables.IDENTITY_VERIFIED, false));

        assertThat(s.instance()).isWaitingAt("Task_NotifyRefused");
        assertThat(status(s)).isEqualTo(ExchangeStatus.FAILED);
        assertThat(store.find(s.id()).orElseThrow().failureReason()).contains("identity");
        complete(Topics.NOTIFY_SOURCE, Map.of());

        assertThat(s.instance()).isEnded().hasPassed("End_Refused").hasNotPassed("Task_Route");
        assertThat(contentLeft(s)).isFalse();
    }

    @Test
    void vdxpOutOfReachFailsTheExchangeAndOpensAnOperatorTask() {
        Submitted s = submit(HANOI_WARD, new SubmitRequest.Applicant("001090000001", null));
        execute(job(s.instance()));
        bpmnError(Topics.VERIFY_IDENTITY, Errors.IDENTITY_CHECK_FAILED, "VDXP unreachable after 4 attempts");

        assertFailedWithOperatorTask(s, "VDXP unreachable");
    }

    @Test
    void destinationWithoutRouteIsRefused() {
        String enterprise = "0100000" + (100 + (int) (Math.random() * 899));
        agencies.register(new AgencyRegistry.NewAgency(enterprise, "Công ty thử nghiệm", null, null), "test");
        Submitted s = submit(enterprise, null);
        execute(job(s.instance()));

        assertThat(s.instance()).hasPassed("Task_Route").isWaitingAt("Task_NotifyRefused");
        assertThat(status(s)).isEqualTo(ExchangeStatus.FAILED);
        assertThat(store.find(s.id()).orElseThrow().failureReason()).contains("no route");
        complete(Topics.NOTIFY_SOURCE, Map.of());
        assertThat(s.instance()).isEnded().hasPassed("End_Refused");
    }

    @Test
    void localDeliveryRefusedFailsTheExchangeAndOpensAnOperatorTask() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        bpmnError(Topics.DELIVER_LOCAL, Errors.DELIVERY_FAILED, "the destination system refused the record: HTTP 400");

        // the destination's system gets an incident of its own — a step of the model, after the failure committed
        assertThat(s.instance()).isWaitingAt("Task_OpenIncident");
        assertThat(incidents.openFor(HANOI_WARD)).as("not inside the failing transaction").isEmpty();
        execute(job("Task_OpenIncident", s.instance()));
        assertThat(incidents.openFor(HANOI_WARD)).hasValueSatisfying(i -> assertThat(i.kind()).isEqualTo("EXCHANGE_FAILURE"));
        assertThat(s.instance()).hasPassed("End_IncidentOpened");
        assertFailedWithOperatorTask(s, "refused the record");
    }

    @Test
    void recordForACentralBodyGoesThroughNdxpAndWaitsForItsCallbacks() {
        Submitted s = submit(GOVERNMENT_OFFICE, null);
        execute(job(s.instance()));

        assertThat(s.instance()).isWaitingAt("Task_NdxpSend");
        assertThat(variable(s, Variables.NDXP_ADDRESS)).isEqualTo("VN:GOV:000.00.00.G22:edoc");
        complete(Topics.NDXP_SEND, Map.of(Variables.RECEIPT_CONFIRMED, false));

        assertThat(s.instance()).isWaitingAt("Gateway_AwaitReceipt");
        exchanges.confirmReceipt(s.id(), sha256(s), true, "NDXP");
        assertThat(s.instance()).hasPassed("Event_Delivered").isWaitingAt("Gateway_AwaitResult");
        exchanges.reportResult(s.id(), GOVERNMENT_OFFICE, "00", "Đã xử lý", "VPCP/1");
        complete(Topics.NOTIFY_SOURCE, Map.of());

        assertThat(s.instance()).isEnded().hasPassed("End_Completed");
        assertThat(status(s)).isEqualTo(ExchangeStatus.COMPLETED);
    }

    /** NDXP's RECEIVED callback beats the worker's report of the send: kept, and the process goes on when it gets there. */
    @Test
    void ndxpReceiptBeforeTheSendIsReportedIsKept() {
        Submitted s = submit(GOVERNMENT_OFFICE, null);
        execute(job(s.instance()));
        assertThat(s.instance()).isWaitingAt("Task_NdxpSend");

        exchanges.confirmReceipt(s.id(), sha256(s), true, "NDXP");
        assertThat(s.instance()).isWaitingAt("Task_NdxpSend");
        complete(Topics.NDXP_SEND, Map.of(Variables.RECEIPT_CONFIRMED, false));

        assertThat(s.instance()).hasPassed("Gateway_ReceiptInHand", "Event_Delivered").hasNotPassed("Gateway_AwaitReceipt")
                .isWaitingAt("Gateway_AwaitResult");
        assertThat(status(s)).isEqualTo(ExchangeStatus.DELIVERED);
    }

    @Test
    void ndxpRefusalFailsTheExchange() {
        Submitted s = submit(GOVERNMENT_OFFICE, null);
        execute(job(s.instance()));
        bpmnError(Topics.NDXP_SEND, Errors.DELIVERY_FAILED, "NDXP refused the record: HTTP 400");

        assertThat(s.instance()).hasPassed("End_NoIncident").hasNotPassed("Task_OpenIncident");
        assertFailedWithOperatorTask(s, "NDXP refused");
        assertThat(incidents.openFor(GOVERNMENT_OFFICE)).as("the national route failed, not the destination").isEmpty();
    }

    @Test
    void pushesThatKeepFailingLeaveTheRecordInTheInboxUntilTheDestinationFetchesIt() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        // the worker's last push failed: it hands the record over to the inbox
        complete(Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, false, Variables.DELIVERED_TO_INBOX, true));

        assertThat(s.instance()).hasPassed("Event_WaitingInInbox").isWaitingAt("Gateway_AwaitReceipt");
        exchanges.confirmReceipt(s.id(), sha256(s), true, "inbox");
        assertThat(s.instance()).hasPassed("Event_Delivered").isWaitingAt("Gateway_AwaitResult");
        exchanges.reportResult(s.id(), HANOI_WARD, "00", "Đã xử lý", "PHK/1");
        complete(Topics.NOTIFY_SOURCE, Map.of());
        assertThat(s.instance()).isEnded().hasPassed("End_Completed");

        // a destination that took the push itself never passes through the inbox
        Submitted pushed = submit(HANOI_WARD, null);
        execute(job(pushed.instance()));
        complete(Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));
        assertThat(pushed.instance()).hasNotPassed("Event_WaitingInInbox").isWaitingAt("Gateway_AwaitResult");
    }

    @Test
    void recordLeftInTheInboxIsDeliveredWhenTheDestinationAcknowledgesIt() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        complete(Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, false, Variables.DELIVERED_TO_INBOX, true));

        assertThat(s.instance()).isWaitingAt("Gateway_AwaitReceipt");
        assertThat(exchanges.inbox(HANOI_WARD, 100)).extracting(ExchangeStore.Exchange::id).contains(s.id());
        exchanges.confirmReceipt(s.id(), sha256(s), true, "inbox acknowledgement");

        assertThat(s.instance()).isWaitingAt("Gateway_AwaitResult");
        assertThat(status(s)).isEqualTo(ExchangeStatus.DELIVERED);
        assertThat(exchanges.inbox(HANOI_WARD, 100)).extracting(ExchangeStore.Exchange::id).doesNotContain(s.id());
    }

    @Test
    void noReceiptBeforeTheDeadlineExpiresTheExchange() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        complete(Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, false, Variables.DELIVERED_TO_INBOX, true));

        fireTimer(s);

        assertThat(s.instance()).hasPassed("Event_ReceiptDeadline").isWaitingAt("Task_NotifyExpired");
        assertThat(status(s)).isEqualTo(ExchangeStatus.EXPIRED);
        assertThat(contentLeft(s)).isFalse();
        complete(Topics.NOTIFY_SOURCE, Map.of());
        assertThat(s.instance()).isEnded().hasPassed("End_Expired");
    }

    @Test
    void noResultBeforeTheDeadlineExpiresTheExchange() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        complete(Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));

        fireTimer(s);

        assertThat(s.instance()).hasPassed("Event_ResultDeadline").isWaitingAt("Task_NotifyExpired");
        assertThat(status(s)).isEqualTo(ExchangeStatus.EXPIRED);
        complete(Topics.NOTIFY_SOURCE, Map.of());
        assertThat(s.instance()).isEnded().hasPassed("End_Expired");
    }

    @Test
    void operatorCancellationLeavesNoContent() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));
        assertThat(contentLeft(s)).isTrue();

        engine.getRuntimeService().deleteProcessInstance(s.instance().getId(), "cancelled by operator in Cockpit");

        assertThat(status(s)).isEqualTo(ExchangeStatus.CANCELLED);
        assertThat(contentLeft(s)).isFalse();
    }

    @Test
    void cancellationThatSkipsTheModelsListenersIsSweptUp() {
        Submitted s = submit(HANOI_WARD, null);
        execute(job(s.instance()));

        engine.getRuntimeService().deleteProcessInstance(s.instance().getId(), "cancelled in Cockpit", true);
        assertThat(contentLeft(s)).as("the end listener was skipped").isTrue();
        jdbc.update("update lgsp.exchange set updated_at = now() - interval '2 minutes' where id = ?", s.id());
        sweeper.sweep();

        assertThat(contentLeft(s)).isFalse();
        assertThat(status(s)).isEqualTo(ExchangeStatus.CANCELLED);
    }

    private void assertFailedWithOperatorTask(Submitted s, String reason) {
        assertThat(s.instance()).isWaitingAt("Task_NotifyFailed", "Task_InvestigateFailure");
        assertThat(status(s)).isEqualTo(ExchangeStatus.FAILED);
        assertThat(store.find(s.id()).orElseThrow().failureReason()).contains(reason);
        assertThat(contentLeft(s)).isFalse();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(s.instance().getId())
                .taskCandidateGroup("dost-operators").singleResult()).isNotNull();
        complete(Topics.NOTIFY_SOURCE, Map.of());
        String task = engine.getTaskService().createTaskQuery().processInstanceId(s.instance().getId()).singleResult().getId();
        engine.getTaskService().complete(task);
        assertThat(s.instance()).isEnded().hasPassed("End_Failed", "End_FailureHandled");
    }

    private record Submitted(UUID id, ProcessInstance instance, String content) {
    }

    private Submitted submit(String destination, SubmitRequest.Applicant applicant) {
        String content = "Hồ sơ kiểm thử " + UUID.randomUUID();
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        SubmitRequest request = new SubmitRequest("1.000001.000.00.13.H26", destination,
                new SubmitRequest.Payload("text/plain", Base64.getEncoder().encodeToString(bytes),
                        RecordValidator.sha256Hex(bytes)), null, null, applicant);
        ExchangeService.Submitted submitted = exchanges.submit(SOURCE, UUID.randomUUID().toString(), request);
        UUID id = submitted.exchange().id();
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(id.toString()).singleResult();
        return new Submitted(id, instance, content);
    }

    private void complete(String topic, Map<String, Object> variables) {
        LockedExternalTask task = fetch(topic);
        engine.getExternalTaskService().complete(task.getId(), WORKER, variables);
    }

    private void bpmnError(String topic, String code, String message) {
        LockedExternalTask task = fetch(topic);
        engine.getExternalTaskService().handleBpmnError(task.getId(), WORKER, code, message);
    }

    private LockedExternalTask fetch(String topic) {
        List<LockedExternalTask> tasks = engine.getExternalTaskService().fetchAndLock(1, WORKER)
                .topic(topic, 60_000).execute();
        assertThat(tasks).as("an open task on topic " + topic).hasSize(1);
        return tasks.get(0);
    }

    /** The deadline timers are moved by executing their job, not by waiting. */
    private void fireTimer(Submitted s) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(s.instance().getId())
                .timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isAfter(Instant.now());
        engine.getManagementService().executeJob(timer.getId());
    }

    private ExchangeStatus status(Submitted s) {
        return store.find(s.id()).orElseThrow().status();
    }

    private Object variable(Submitted s, String name) {
        return engine.getRuntimeService().getVariable(s.instance().getId(), name);
    }

    private boolean contentLeft(Submitted s) {
        return jdbc.queryForObject("select count(*) from lgsp.exchange_content where exchange_id = ?", Integer.class, s.id()) > 0;
    }

    private String sha256(Submitted s) {
        return RecordValidator.sha256Hex(s.content().getBytes(StandardCharsets.UTF_8));
    }
}
