package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import vn.hanoi.lgsp.workercontract.PostalProcess.Errors;
import vn.hanoi.lgsp.workercontract.PostalProcess.Variables;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi;

/**
 * {@code vnpost-order}: asks VNPost, through NDXP, to collect a result at the agency and carry
 * it to the applicant. VNPost de-duplicates on agency and dossier number, so an order sent
 * again after a lost answer is the same order with the same tracking number. A refusal
 * (the order is wrong for VNPost) goes to the model's error path; a VNPost or NDXP that does
 * not answer is tried again, then left to the engine's incidents — nothing is lost.
 */
final class VnpostOrderHandler implements ExternalTaskHandler {

    private static final int ATTEMPTS = 8;

    private final PlatformApi platform;
    private final NdxpPostal ndxp;
    private final java.time.Duration firstBackoff;

    VnpostOrderHandler(PlatformApi platform, NdxpPostal ndxp, java.time.Duration firstBackoff) {
        this.platform = platform;
        this.ndxp = ndxp;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String shipmentId = task.getVariable(Variables.SHIPMENT_ID);
        RetryPolicy retry = new RetryPolicy(ATTEMPTS, firstBackoff.toMillis());
        var read = platform.readOrRetry(() -> platform.postalOrder(shipmentId), task, service, retry);
        if (read.isEmpty()) {
            return;
        }
        WorkerApi.Order order = read.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderNumber", order.dossierNumber());
        body.put("agencyCode", order.agencyCode());
        body.put("procedureCode", order.procedureCode());
        body.put("serviceLevel", order.serviceLevel());
        body.put("recipient", order.recipient());
        body.put("items", order.items());
        body.put("codAmount", order.codAmount());
        JsonHttp.Reply reply;
        try {
            reply = ndxp.vnpost("/orders", body);
        } catch (IOException e) {
            Failures.retryOrGiveUp(task, service, retry, "NDXP unreachable: " + e.getMessage(), null);
            return;
        }
        String tracking = reply.body().path("trackingNumber").asText(null);
        if (reply.ok() && tracking != null) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(Variables.TRACKING_NUMBER, tracking);
            if (reply.body().path("feeDong").canConvertToLong()) {
                variables.put(Variables.FEE, reply.body().path("feeDong").asLong());
            }
            service.complete(task, variables);
        } else if (reply.status() == 401) {
            ndxp.tokenRefused();
            Failures.retryOrGiveUp(task, service, retry, "NDXP refused the token", null);
        } else if (reply.transientFailure() || reply.ok()) {
            Failures.retryOrGiveUp(task, service, retry, "VNPost through NDXP answered " + reply.describe(), null);
        } else {
            service.handleBpmnError(task, Errors.ORDER_REFUSED, "VNPost refused the order: " + reply.describe());
        }
    }
}
