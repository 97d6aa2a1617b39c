package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Errors;
import vn.hanoi.lgsp.workercontract.WorkerApi;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Routes;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * {@code deliver-local}: pushes a record to the destination system inside the city
 * ({@code POST {base}/records}). The destination de-duplicates on the exchange id, and the
 * worker asks the platform first whether a receipt is already in, so a redelivered task
 * never delivers twice. When pushing keeps failing, the record waits in the destination's
 * inbox for it to pull.
 */
final class DeliverLocalHandler implements ExternalTaskHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliverLocalHandler.class);

    private final PlatformApi platform;
    private final JsonHttp http;

    DeliverLocalHandler(PlatformApi platform, JsonHttp http) {
        this.platform = platform;
        this.http = http;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String exchangeId = task.getVariable(Variables.EXCHANGE_ID);
        RetryPolicy retry = RetryPolicy.of(task, 5, 2);
        var fetched = platform.deliveryOrRetry(exchangeId, task, service, retry);
        if (fetched.isEmpty()) {
            return;
        }
        WorkerApi.Delivery delivery = fetched.get();
        if (delivery.receiptConfirmed()) {
            service.complete(task, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));
            return;
        }
        WorkerApi.Endpoint destination = delivery.destinationSystem();
        if (destination == null || !destination.pushEnabled()) {
            service.complete(task, Map.of(Variables.RECEIPT_CONFIRMED, false, Variables.DELIVERED_TO_INBOX, true));
            return;
        }
        push(task, service, retry, exchangeId, delivery, destination);
    }

    private void push(ExternalTask task, ExternalTaskService service, RetryPolicy retry, String exchangeId,
                      WorkerApi.Delivery delivery, WorkerApi.Endpoint destination) {
        String baseUrl = destination.baseUrl();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("exchangeId", exchangeId);
        record.put("source", delivery.source());
        record.put("destination", delivery.destination());
        record.put("procedureCode", delivery.procedureCode());
        record.put("contentType", delivery.contentType());
        record.put("content", delivery.content());
        record.put("sha256", delivery.sha256());
        record.put("deadline", delivery.deadline() == null ? null : delivery.deadline().toString());
        // the source's own detached JWS over the content: the destination checks sender and integrity itself
        if (delivery.signature() != null) {
            record.put("signature", delivery.signature());
        }
        JsonHttp.Reply reply;
        try {
            reply = http.post(baseUrl + "/records", platform.outboundToken(destination), record);
        } catch (IOException e) {
            platform.attempt(exchangeId, Routes.LOCAL, false, "UNREACHABLE", null, 0);
            retryOrInbox(task, service, retry, exchangeId, "destination system unreachable: " + e.getMessage());
            return;
        }
        String receivedSha256 = reply.body().path("receipt").path("receivedSha256").asText(null);
        if (reply.ok() && receivedSha256 != null) {
            confirm(task, service, retry, exchangeId, receivedSha256, reply);
            return;
        }
        platform.attempt(exchangeId, Routes.LOCAL, false, reply.body().path("error").asText("HTTP_" + reply.status()),
                reply.status(), reply.millis());
        if (reply.ok() || reply.transientFailure()) {
            retryOrInbox(task, service, retry, exchangeId, "destination system answered " + reply.describe()
                    + (reply.ok() ? " without a receipt" : ""));
        } else {
            service.handleBpmnError(task, Errors.DELIVERY_FAILED,
                    "the destination system refused the record: " + reply.describe());
        }
    }

    private void confirm(ExternalTask task, ExternalTaskService service, RetryPolicy retry, String exchangeId,
                         String receivedSha256, JsonHttp.Reply push) {
        try {
            JsonHttp.Reply recorded = platform.receipt(exchangeId, receivedSha256, push);
            if (recorded.ok()) {
                service.complete(task, Map.of(Variables.RECEIPT_CONFIRMED, true, Variables.DELIVERED_TO_INBOX, false));
            } else if (recorded.status() == 422) {
                service.handleBpmnError(task, Errors.DELIVERY_FAILED,
                        "the destination received something else than was sent: " + recorded.describe());
            } else if (PlatformApi.unavailable(recorded)) {
                // the destination holds the record; the next try finds it there (it de-duplicates)
                Failures.handBack(task, service, retry, "the receipt could not be recorded: " + recorded.describe());
            } else {
                Failures.retryOrGiveUp(task, service, retry, "the receipt could not be recorded: " + recorded.describe(),
                        Errors.DELIVERY_FAILED);
            }
        } catch (PlatformApi.Unavailable e) {
            Failures.handBack(task, service, retry, "the receipt could not be recorded: " + e.getMessage());
        } catch (IOException e) {
            Failures.retryOrGiveUp(task, service, retry, "the receipt could not be recorded: " + e.getMessage(),
                    Errors.DELIVERY_FAILED);
        }
    }

    /** Pushing failed: try again later, or leave the record in the inbox after the last attempt. */
    private void retryOrInbox(ExternalTask task, ExternalTaskService service, RetryPolicy retry, String exchangeId,
                              String reason) {
        if (retry.lastAttempt(task)) {
            log.info("Exchange {}: push failed {} times ({}); the record waits in the destination's inbox",
                    exchangeId, retry.maxAttempts(), reason);
            service.complete(task, Map.of(Variables.RECEIPT_CONFIRMED, false, Variables.DELIVERED_TO_INBOX, true));
        } else {
            service.handleFailure(task, reason, null, retry.retriesLeftAfter(task), retry.backoffAfter(task));
        }
    }
}
