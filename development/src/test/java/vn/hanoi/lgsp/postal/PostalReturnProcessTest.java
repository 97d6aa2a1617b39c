package vn.hanoi.lgsp.postal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.support.ProcessTest;
import vn.hanoi.lgsp.workercontract.PostalProcess.Errors;
import vn.hanoi.lgsp.workercontract.PostalProcess.Topics;
import vn.hanoi.lgsp.workercontract.PostalProcess.Variables;

/**
 * Every path of {@code postal-return}: delivered; failed, tried again and returned
 * to the agency; refused by VNPost; late for its service level. The test plays the workers,
 * VNPost and the clock, and checks where the process goes, what the agency can read, and that
 * the recipient is gone once the shipment ended.
 */
class PostalReturnProcessTest extends ProcessTest {

    /** The Department of Justice: its demo staff account is staff.stp. */
    static final String AGENCY = "000.00.13.H26";
    private static final String WORKER = "process-test";

    @Autowired
    PostalService postal;
    @Autowired
    PostalStore store;

    record Shipment(UUID id, ProcessInstance instance, String dossier) {
    }

    @Test
    void deliveredShipmentTellsEveryStatusOnceAndForgetsTheRecipient() {
        Shipment s = request("STANDARD");
        assertThat(s.instance()).isWaitingAt("Start_ShipmentRequested");
        execute(job(s.instance()));
        assertThat(s.instance()).isWaitingAt("Task_Order");
        assertThat(store.recipientOf(s.id())).as("held while the order is made").isPresent();
        String tracking = ordered(s);

        assertThat(s.instance()).isWaitingAt("Event_StatusReported");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        postal.statusReported(tracking, s.dossier(), "ACCEPTED", t, "Bưu điện đã tiếp nhận yêu cầu");
        assertThat(s.instance()).isWaitingAt("Task_NotifyStatus");
        // VNPost calls back again (a retry) and moves on while the agency is being told
        postal.statusReported(tracking, s.dossier(), "ACCEPTED", t, "Bưu điện đã tiếp nhận yêu cầu");
        notifyAll(s, () -> postal.statusReported(tracking, s.dossier(), "PICKED_UP", t.plusSeconds(60),
                "Đã nhận tại cơ quan"));
        // the status that came while telling the first is told at once, without waiting for another
        assertThat(s.instance()).isWaitingAt("Task_NotifyStatus");
        notifyAll(s);
        assertThat(s.instance()).isWaitingAt("Event_StatusReported");

        postal.statusReported(tracking, s.dossier(), "IN_TRANSIT", t.plusSeconds(120), "Đang vận chuyển");
        // delivered while "in transit" is being told: it is told too before tracking ends
        notifyAll(s, () -> postal.statusReported(tracking, s.dossier(), "DELIVERED", t.plusSeconds(180),
                "Đã phát thành công"));
        PostalStore.Shipment delivered = store.find(s.id()).orElseThrow();
        assertThat(delivered.recipientHeld()).as("forgotten as soon as it was delivered").isFalse();
        assertThat(store.recipientOf(s.id())).isEmpty();
        assertThat(delivered.endedAt()).isNotNull();
        assertThat(s.instance()).isWaitingAt("Task_NotifyStatus");
        notifyAll(s);

        assertThat(s.instance()).isEnded().hasPassed("End_TrackingDone", "End_Delivered").hasNotPassed("Task_Returned");
        assertThat(store.events(s.id())).extracting(PostalStore.Event::status)
                .containsExactly("ACCEPTED", "PICKED_UP", "IN_TRANSIT", "DELIVERED");
        assertThat(store.events(s.id())).allMatch(e -> e.notifiedAt() != null);
        PostalStore.Shipment kept = store.find(s.id()).orElseThrow();
        assertThat(kept.status()).isEqualTo("DELIVERED");
        assertThat(kept.feeDong()).as("kept for fee reconciliation").isEqualTo(22_000L);
        assertThat(kept.itemCount()).isEqualTo(1);
        assertThat(store.events(s.id())).as("VNPost's free text goes with the process").allMatch(e -> e.note() == null);
    }

    @Test
    void failedTriedAgainAndReturnedBecomesTheAgencysTask() {
        Shipment s = request("EXPRESS");
        execute(job(s.instance()));
        String tracking = ordered(s);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> course = List.of("ACCEPTED", "PICKED_UP", "IN_TRANSIT", "DELIVERY_FAILED", "IN_TRANSIT",
                "DELIVERY_FAILED", "RETURNED");
        for (int i = 0; i < course.size(); i++) {
            postal.statusReported(tracking, s.dossier(), course.get(i), t.plusSeconds(60L * i), null);
            notifyAll(s);
        }
        assertThat(store.find(s.id()).orElseThrow().deliveryAttempts()).isEqualTo(2);
        assertThat(s.instance()).hasPassed("End_TrackingDone").isWaitingAt("Task_Returned");
        Task task = task(s);
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .as("the agency's own staff, not DOST, not other agencies' staff")
                .anyMatch(l -> "staff.stp".equals(l.getUserId()))
                .noneMatch(l -> "dost-operators".equals(l.getGroupId()));
        assertThat(task.getDueDate()).isAfter(new java.util.Date());
        assertThat(store.find(s.id()).orElseThrow().recipientHeld()).isFalse();

        engine.getTaskService().complete(task.getId(), Map.of(Variables.FOLLOW_UP_NOTE, "Đã gọi người nộp đến nhận tại bộ phận một cửa"));
        assertThat(s.instance()).isEnded().hasPassed("End_Returned");
    }

    @Test
    void orderVnpostRefusesEndsAsATaskAndNothingTravels() {
        Shipment s = request("STANDARD");
        execute(job(s.instance()));
        LockedExternalTask order = fetch(s, Topics.ORDER);
        engine.getExternalTaskService().handleBpmnError(order.getId(), WORKER, Errors.ORDER_REFUSED,
                "VNPost refused the order: HTTP 400: Đơn hàng không hợp lệ");

        assertThat(s.instance()).isWaitingAt("Task_OrderRefused");
        PostalStore.Shipment refused = store.find(s.id()).orElseThrow();
        assertThat(refused.status()).isEqualTo("NOT_SENT");
        assertThat(refused.refusalReason()).contains("HTTP 400");
        assertThat(refused.trackingNumber()).isNull();
        assertThat(refused.recipientHeld()).isFalse();
        assertThat(engine.getRuntimeService().getVariable(s.instance().getId(), Variables.REFUSAL_REASON))
                .asString().contains("refused the order");
        engine.getTaskService().complete(task(s).getId(), Map.of(Variables.FOLLOW_UP_NOTE, "Trả kết quả tại bộ phận một cửa"));
        assertThat(s.instance()).isEnded().hasPassed("End_NotSent").hasNotPassed("SubProcess_Tracking");
    }

    @Test
    void shipmentLateForItsServiceLevelBecomesAChaseWhileTrackingGoesOn() {
        Shipment s = request("EXPRESS");
        execute(job(s.instance()));
        String tracking = ordered(s);
        Job timer = timer(s, "Start_Overdue");
        assertThat(timer.getDuedate()).isEqualTo(java.util.Date.from(store.find(s.id()).orElseThrow().deliveryDue()));
        engine.getManagementService().executeJob(timer.getId());

        assertThat(s.instance()).isWaitingAt("Task_Overdue", "Event_StatusReported");
        engine.getTaskService().complete(task(s).getId(), Map.of(Variables.FOLLOW_UP_NOTE, "Đã đề nghị VNPost phát trong ngày"));
        assertThat(s.instance()).hasPassed("End_OverdueHandled").isWaitingAt("Event_StatusReported");

        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        postal.statusReported(tracking, s.dossier(), "DELIVERED", t, null);
        notifyAll(s);
        assertThat(s.instance()).isEnded().hasPassed("End_Delivered");
    }

    @Test
    void aChaseStillOpenWhenTheShipmentIsDeliveredGoesAway() {
        Shipment s = request("EXPRESS");
        execute(job(s.instance()));
        String tracking = ordered(s);
        engine.getManagementService().executeJob(timer(s, "Start_Overdue").getId());
        assertThat(s.instance()).isWaitingAt("Task_Overdue");

        postal.statusReported(tracking, s.dossier(), "DELIVERED", Instant.now().truncatedTo(ChronoUnit.SECONDS), null);
        notifyAll(s);
        assertThat(s.instance()).isEnded().hasPassed("End_Delivered").hasNotPassed("End_OverdueHandled");
        assertThat(task(s)).isNull();
    }

    @Test
    void vnpostSilentLongPastTheDeadlineEndsTrackingAndForgetsTheRecipient() {
        Shipment s = request("STANDARD");
        execute(job(s.instance()));
        ordered(s);
        Job limit = timer(s, "Boundary_TrackingLimit");
        assertThat(limit.getDuedate().toInstant()).isEqualTo(store.find(s.id()).orElseThrow().deliveryDue()
                .plus(java.time.Duration.ofDays(vn.hanoi.lgsp.workercontract.PostalProcess.TRACKING_LIMIT_DAYS)));
        engine.getManagementService().executeJob(limit.getId());

        assertThat(s.instance()).isWaitingAt("Task_TrackingLost");
        engine.getTaskService().complete(task(s).getId(), Map.of(Variables.FOLLOW_UP_NOTE, "VNPost xác nhận thất lạc"));
        assertThat(s.instance()).isEnded().hasPassed("End_TrackingLost");
        assertThat(store.find(s.id()).orElseThrow().recipientHeld()).isFalse();
    }

    @Test
    void theSameRequestAgainIsTheSameShipmentAndAnotherForTheDossierIsRefused() {
        ShipmentRequest request = requestFor("HS-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD", "0912345678");
        PostalService.Requested first = postal.request(AGENCY, request);
        PostalService.Requested again = postal.request(AGENCY, request);
        assertThat(again.replay()).isTrue();
        assertThat(again.shipment().id()).isEqualTo(first.shipment().id());
        ShipmentRequest other = requestFor(request.dossierNumber(), "STANDARD", "0987654321");
        assertThatThrownBy(() -> postal.request(AGENCY, other)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT));
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(first.shipment().id().toString()).count()).isEqualTo(1);
    }

    @Test
    void aChangedRequestForAnEndedShipmentIsStillToldApart() {
        Shipment s = request("STANDARD");
        execute(job(s.instance()));
        LockedExternalTask order = fetch(s, Topics.ORDER);
        engine.getExternalTaskService().handleBpmnError(order.getId(), WORKER, Errors.ORDER_REFUSED, "refused");
        assertThat(store.find(s.id()).orElseThrow().recipientHeld()).isFalse();

        assertThat(postal.request(AGENCY, requestFor(s.dossier(), "STANDARD", "0912345678")).replay())
                .as("the first request again").isTrue();
        assertThatThrownBy(() -> postal.request(AGENCY, requestFor(s.dossier(), "STANDARD", "0987000111")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("NOT_SENT"));
    }

    private Job timer(Shipment s, String activity) {
        return engine.getManagementService().createJobQuery().processInstanceId(s.instance().getId()).timers()
                .activityId(activity).singleResult();
    }

    private Shipment request(String level) {
        String dossier = "000.00.13.H26-" + UUID.randomUUID().toString().substring(0, 8);
        PostalService.Requested requested = postal.request(AGENCY, requestFor(dossier, level, "0912345678"));
        UUID id = requested.shipment().id();
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(id.toString()).singleResult();
        return new Shipment(id, instance, dossier);
    }

    static ShipmentRequest requestFor(String dossier, String level, String phone) {
        return new ShipmentRequest(dossier, "1.001193.000.00.00.H26", level,
                new ShipmentRequest.Recipient("Nguyễn Văn An", phone, "Số 12 phố Hàng Bạc", "01", "00070", null),
                List.of(new ShipmentRequest.Item("Giấy khai sinh (bản chính)", 50)), 0);
    }

    /** The order worker's part: VNPost's tracking number and fee. */
    private String ordered(Shipment s) {
        String unique = "EH" + String.format("%09d", java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(1_000_000_000L)) + "VN";
        LockedExternalTask order = fetch(s, Topics.ORDER);
        engine.getExternalTaskService().complete(order.getId(), WORKER,
                Map.of(Variables.TRACKING_NUMBER, unique, Variables.FEE, 22_000L));
        assertThat(store.find(s.id()).orElseThrow().trackingNumber()).isEqualTo(unique);
        return unique;
    }

    /** The notify worker's part: every status not told yet is told, then recorded as told. */
    private void notifyAll(Shipment s) {
        notifyAll(s, () -> { });
    }

    /** {@code meanwhile} happens after the worker read what to tell and before it completes. */
    private void notifyAll(Shipment s, Runnable meanwhile) {
        LockedExternalTask task = fetch(s, Topics.NOTIFY_STATUS);
        List<PostalStore.Event> pending = store.events(s.id()).stream().filter(e -> e.notifiedAt() == null).toList();
        assertThat(pending).as("something to tell").isNotEmpty();
        postal.notified(s.id(), pending.get(pending.size() - 1).sequence());
        meanwhile.run();
        engine.getExternalTaskService().complete(task.getId(), WORKER);
    }

    private LockedExternalTask fetch(Shipment s, String topic) {
        List<LockedExternalTask> tasks = engine.getExternalTaskService().fetchAndLock(1, WORKER)
                .topic(topic, 60_000).businessKey(s.id().toString()).execute();
        assertThat(tasks).as("an open task on topic " + topic).hasSize(1);
        return tasks.get(0);
    }

    private Task task(Shipment s) {
        return engine.getTaskService().createTaskQuery().processInstanceId(s.instance().getId()).singleResult();
    }
}
