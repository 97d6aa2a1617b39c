package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import vn.hanoi.lgsp.workercontract.WorkerApi;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * {@code notify-source}: tells the source system how its exchange ended — the destination's
 * result, or why it failed or expired — at {@code POST {base}/results}. A source without a
 * push endpoint reads the same from {@code GET /api/v1/exchanges/{id}}, so after a few
 * failed tries the task completes anyway.
 */
final class NotifySourceHandler implements ExternalTaskHandler {

    private static final Logger log = LoggerFactory.getLogger(NotifySourceHandler.class);
    private static final int ATTEMPTS = 3;

    private final PlatformApi platform;
    private final JsonHttp http;
    private final java.util.function.Supplier<NdxpRecordReturn> ndxp;

    /** @param ndxp how a record that came through NDXP reports back; {@code null} while no NDXP is configured */
    NotifySourceHandler(PlatformApi platform, JsonHttp http, java.util.function.Supplier<NdxpRecordReturn> ndxp) {
        this.platform = platform;
        this.http = http;
        this.ndxp = ndxp;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String exchangeId = task.getVariable(Variables.EXCHANGE_ID);
        if (PostalProcess.Channels.NDXP.equals(task.getVariable(Variables.CHANNEL))) {
            returnThroughNdxp(task, service, exchangeId);
            return;
        }
        RetryPolicy retry = new RetryPolicy(ATTEMPTS, 2000);
        var fetched = platform.deliveryOrRetry(exchangeId, task, service, retry);
        if (fetched.isEmpty()) {
            return;
        }
        WorkerApi.Delivery exchange = fetched.get();
        WorkerApi.Endpoint source = exchange.sourceSystem();
        if (source == null || !source.pushEnabled()) {
            service.complete(task);
            return;
        }
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("exchangeId", exchangeId);
        notice.put("status", exchange.status());
        notice.put("destination", exchange.destination());
        notice.put("result", exchange.result());
        notice.put("failureReason", exchange.failureReason());
        try {
            JsonHttp.Reply reply = http.post(source.baseUrl() + "/results", platform.outboundToken(source), notice);
            platform.attempt(exchangeId, "NOTIFY", reply.ok(), reply.ok() ? null : "HTTP_" + reply.status(), reply.status(),
                    reply.millis());
            if (reply.ok()) {
                service.complete(task);
                return;
            }
            giveUpOrRetry(task, service, retry, exchangeId, "source system answered " + reply.describe());
        } catch (IOException e) {
            giveUpOrRetry(task, service, retry, exchangeId, "source system unreachable: " + e.getMessage());
        }
    }

    /** The sender outside Hanoi is reached only through NDXP, and must hear the outcome: never given up. */
    private void returnThroughNdxp(ExternalTask task, ExternalTaskService service, String exchangeId) {
        NdxpRecordReturn through = ndxp.get();
        if (through == null) {
            // another worker process, one with NDXP, takes it: this one leaves the task's attempts as they were
            int retries = task.getRetries() == null ? NdxpRecordReturn.ATTEMPTS : task.getRetries();
            service.handleFailure(task, "this worker has no NDXP configured (lgsp.national.ndxp.url)", null, retries, 60_000);
            return;
        }
        platform.deliveryOrRetry(exchangeId, task, service, through.retry())
                .ifPresent(exchange -> through.outcome(task, service, exchange));
    }

    private void giveUpOrRetry(ExternalTask task, ExternalTaskService service, RetryPolicy retry, String exchangeId,
                               String reason) {
        if (retry.lastAttempt(task)) {
            log.warn("Exchange {}: the source was not told ({}); it can still read the outcome from the API", exchangeId, reason);
            service.complete(task);
        } else {
            service.handleFailure(task, reason, null, retry.retriesLeftAfter(task), retry.backoffAfter(task));
        }
    }
}
