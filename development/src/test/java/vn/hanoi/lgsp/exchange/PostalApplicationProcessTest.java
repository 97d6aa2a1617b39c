package vn.hanoi.lgsp.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.ProcessTest;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Topics;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * The inbound path of the postal service: an application VNPost collected goes through
 * record-exchange on its own channel — delivered to the agency like any record, then VNPost and
 * the national tracking are told — while records between agencies never take that branch.
 */
class PostalApplicationProcessTest extends ProcessTest {

    private static final String VNPOST = "000.00.00.G95";
    private static final String JUSTICE = "000.00.13.H26";
    private static final String WORKER = "process-test";

    @Autowired
    ExchangeService exchanges;
    @Autowired
    ExchangeStore store;

    @Test
    void applicationByPostIsDeliveredThenVnpostIsToldThenTheResultIsAwaited() {
        String number = "BD" + String.format("%010d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L));
        ExchangeService.Submitted submitted = exchanges.acceptFromPost(VNPOST, number, "EH123456785VN", record());
        UUID id = submitted.exchange().id();
        assertThat(submitted.exchange().source()).isEqualTo(VNPOST);
        assertThat(exchanges.acceptFromPost(VNPOST, number, "EH123456785VN", record()).replay())
                .as("NDXP handing the same application again").isTrue();
        ProcessInstance instance = instance(id);
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), Variables.CHANNEL))
                .isEqualTo(PostalProcess.Channels.POSTAL);
        execute(job(instance));

        // the applicant VNPost names is checked through VDXP like any applicant
        assertThat(instance).isWaitingAt("Task_VerifyIdentity");
        complete(instance, Topics.VERIFY_IDENTITY, Map.of(Variables.IDENTITY_VERIFIED, true));
        assertThat(instance).isWaitingAt("Task_DeliverLocal");
        complete(instance, Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));
        assertThat(instance).hasPassed("Event_Delivered", "Gateway_Channel").isWaitingAt("Task_ReportReceipt");
        assertThat(store.postalApplication(id).orElseThrow().applicationNumber()).isEqualTo(number);

        complete(instance, PostalProcess.Topics.REPORT_RECEIPT, Map.of());
        assertThat(instance).hasPassed("Gateway_ChannelJoin").isWaitingAt("Gateway_AwaitResult");
        exchanges.reportResult(id, JUSTICE, "00", "Đã tiếp nhận, hẹn trả kết quả", "STP/1");
        complete(instance, Topics.NOTIFY_SOURCE, Map.of());
        assertThat(instance).isEnded().hasPassed("End_Completed");
    }

    @Test
    void recordsBetweenAgenciesDoNotTakeThePostalBranch() {
        byte[] bytes = ("Hồ sơ " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        SubmitRequest request = new SubmitRequest("1.000001.000.00.13.H26", "000.00.61.H26",
                new SubmitRequest.Payload("text/plain", Base64.getEncoder().encodeToString(bytes),
                        RecordValidator.sha256Hex(bytes)), null, null, null);
        UUID id = exchanges.submit(JUSTICE, UUID.randomUUID().toString(), request).exchange().id();
        ProcessInstance instance = instance(id);
        execute(job(instance));
        complete(instance, Topics.DELIVER_LOCAL, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));
        assertThat(instance).hasPassed("Gateway_Channel", "Gateway_ChannelJoin").hasNotPassed("Task_ReportReceipt")
                .isWaitingAt("Gateway_AwaitResult");
    }

    private static SubmitRequest record() {
        byte[] bytes = "Tờ khai đăng ký khai sinh (nhận qua bưu chính)".getBytes(StandardCharsets.UTF_8);
        return new SubmitRequest("1.001193.000.00.00.H26", JUSTICE, new SubmitRequest.Payload("text/plain",
                Base64.getEncoder().encodeToString(bytes), RecordValidator.sha256Hex(bytes)), null, null,
                new SubmitRequest.Applicant("001090000001", "Nguyễn Văn An"));
    }

    private ProcessInstance instance(UUID id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id.toString())
                .singleResult();
    }

    private void complete(ProcessInstance instance, String topic, Map<String, Object> variables) {
        List<LockedExternalTask> tasks = engine.getExternalTaskService().fetchAndLock(1, WORKER)
                .topic(topic, 60_000).businessKey(instance.getBusinessKey()).execute();
        assertThat(tasks).as("an open task on topic " + topic).hasSize(1);
        engine.getExternalTaskService().complete(tasks.get(0).getId(), WORKER, variables);
    }
}
