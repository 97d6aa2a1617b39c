package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import vn.hanoi.lgsp.workercontract.WorkerApi;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Errors;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Routes;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * {@code ndxp-send}: hands a record for another province or a central body to NDXP,
 * addressed {@code VN:GOV:<agency code>:<subsystem>}. NDXP de-duplicates on the message id
 * (the exchange id); its receipt and the destination's result come back by callback.
 */
final class NdxpSendHandler implements ExternalTaskHandler {

    private final PlatformApi platform;
    private final JsonHttp http;
    private final AccessTokens ndxpTokens;
    private final String ndxpUrl;

    NdxpSendHandler(PlatformApi platform, JsonHttp http, AccessTokens ndxpTokens, String ndxpUrl) {
        this.platform = platform;
        this.http = http;
        this.ndxpTokens = ndxpTokens;
        this.ndxpUrl = ndxpUrl;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String exchangeId = task.getVariable(Variables.EXCHANGE_ID);
        RetryPolicy retry = RetryPolicy.of(task, 8, 5);
        var fetched = platform.deliveryOrRetry(exchangeId, task, service, retry);
        if (fetched.isEmpty()) {
            return;
        }
        WorkerApi.Delivery delivery = fetched.get();
        if (delivery.receiptConfirmed()) {
            service.complete(task, Map.of(Variables.RECEIPT_CONFIRMED, true));
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageId", exchangeId);
        message.put("from", delivery.source());
        message.put("to", task.getVariable(Variables.NDXP_ADDRESS));
        message.put("procedureCode", delivery.procedureCode());
        message.put("contentType", delivery.contentType());
        message.put("content", delivery.content());
        message.put("sha256", delivery.sha256());
        JsonHttp.Reply reply;
        try {
            reply = http.post(ndxpUrl + "/exchange/messages", ndxpTokens.get(), message);
        } catch (IOException e) {
            platform.attempt(exchangeId, Routes.NDXP, false, "UNREACHABLE", null, 0);
            Failures.retryOrGiveUp(task, service, retry, "NDXP unreachable: " + e.getMessage(), Errors.DELIVERY_FAILED);
            return;
        }
        boolean accepted = reply.status() == 202 || reply.ok() && "00".equals(reply.body().path("code").asText());
        platform.attempt(exchangeId, Routes.NDXP, accepted, accepted ? null : reply.body().path("error").asText("HTTP_" + reply.status()),
                reply.status(), reply.millis());
        if (accepted) {
            service.complete(task, Map.of(Variables.RECEIPT_CONFIRMED, false));
        } else if (reply.status() == 401) {
            ndxpTokens.invalidate();
            Failures.retryOrGiveUp(task, service, retry, "NDXP refused the token", Errors.DELIVERY_FAILED);
        } else if (reply.transientFailure() || reply.ok()) {
            Failures.retryOrGiveUp(task, service, retry, "NDXP answered " + reply.describe(), Errors.DELIVERY_FAILED);
        } else {
            service.handleBpmnError(task, Errors.DELIVERY_FAILED, "NDXP refused the record: " + reply.describe());
        }
    }
}
