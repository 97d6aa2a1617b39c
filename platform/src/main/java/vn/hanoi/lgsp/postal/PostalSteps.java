package vn.hanoi.lgsp.postal;

import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDays;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.PostalProcess.Variables;

/** What the model {@code postal-return} asks of the platform, as {@code ${postalSteps.…}}. */
@Component("postalSteps")
public class PostalSteps {

    private final PostalStore store;
    private final PostalMonitoring monitoring;
    private final WorkingDays workingDays;

    PostalSteps(PostalStore store, PostalMonitoring monitoring, WorkingDays workingDays) {
        this.store = store;
        this.monitoring = monitoring;
        this.workingDays = workingDays;
    }

    /** VNPost took the order: its tracking number and fee are kept with the shipment. */
    public void ordered(DelegateExecution execution) {
        UUID id = id(execution);
        Object fee = execution.getVariable(Variables.FEE);
        store.ordered(id, (String) execution.getVariable(Variables.TRACKING_NUMBER),
                fee instanceof Number n ? n.longValue() : null);
        monitoring.step(store.find(id).orElseThrow(), "postal-ordered", true, null);
    }

    /** VNPost refused the order for good: nothing travels, and the recipient is not kept. */
    public void notSent(DelegateExecution execution) {
        UUID id = id(execution);
        Object reason = execution.getVariable(Variables.REFUSAL_REASON);
        store.notSent(id, reason == null ? "VNPost refused the order" : bounded(reason.toString()));
        store.forgetRecipient(id);
        monitoring.step(store.find(id).orElseThrow(), "postal-not-sent", false, "ORDER_REFUSED");
    }

    /**
     * Whether VNPost reported statuses the agency has not been told: checked under the
     * shipment's row lock, so a status arriving now is either seen here or finds the process
     * waiting for it.
     */
    public boolean statusesWaiting(DelegateExecution execution) {
        UUID id = id(execution);
        store.lock(id);
        return store.pendingCount(id) > 0;
    }

    /**
     * The status the agency was last told, for the model's gateways: not the latest VNPost
     * reported, so that a delivery reported while the previous status was being told is told
     * before tracking ends.
     */
    public void readStatus(DelegateExecution execution) {
        UUID id = id(execution);
        String told = store.lastToldStatus(id);
        execution.setVariable(Variables.SHIPMENT_STATUS, told != null ? told : store.find(id).orElseThrow().status());
    }

    /** Whatever way the process ends, the recipient's details and VNPost's free-text notes go. */
    public void ended(DelegateExecution execution) {
        UUID id = id(execution);
        store.forgetRecipient(id);
        store.forgetNotes(id);
    }

    /** When the agency's staff should have handled a postal task. */
    public Date taskDue() {
        return workingDays.after(PostalProcess.TASK_WORKING_DAYS);
    }

    private static UUID id(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(Variables.SHIPMENT_ID));
    }

    private static String bounded(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
