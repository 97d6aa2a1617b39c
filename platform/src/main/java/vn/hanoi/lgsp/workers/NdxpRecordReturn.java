package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.workercontract.NdxpRecords;
import vn.hanoi.lgsp.workercontract.PostalProcess.Ndxp;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;
import vn.hanoi.lgsp.workercontract.WorkerApi;

/**
 * What NDXP, and through it the sender, hears of a record it delivered into Hanoi: the receipt,
 * then how the exchange ended. NDXP is the sender's only way back, so nothing here gives up:
 * attempts double their wait, and after the last one the task becomes an incident in Cockpit,
 * kept until an operator retries it.
 */
final class NdxpRecordReturn {

    private static final Logger log = LoggerFactory.getLogger(NdxpRecordReturn.class);
    /** Ten attempts: at the default 5 s doubling, the tenth comes some 40 minutes after the ninth, 85 minutes in all. */
    static final int ATTEMPTS = 10;

    private final JsonHttp http;
    private final AccessTokens tokens;
    private final String ndxpUrl;
    private final RetryPolicy retry;

    NdxpRecordReturn(JsonHttp http, AccessTokens tokens, String ndxpUrl, java.time.Duration firstBackoff) {
        this.http = http;
        this.tokens = tokens;
        this.ndxpUrl = ndxpUrl;
        this.retry = new RetryPolicy(ATTEMPTS, firstBackoff.toMillis());
    }

    /** How a report to NDXP is tried again. */
    RetryPolicy retry() {
        return retry;
    }

    /** The Hanoi agency has the record, with the digest it received. */
    void receipt(ExternalTask task, ExternalTaskService service, WorkerApi.Delivery exchange) {
        Map<String, Object> event = event(task, exchange, NdxpRecords.Events.RECEIVED);
        event.put("receivedSha256", exchange.sha256());
        send(task, service, event);
    }

    /** How the exchange ended: the agency's result, or why there is none (refused, expired, failed). */
    void outcome(ExternalTask task, ExternalTaskService service, WorkerApi.Delivery exchange) {
        Map<String, Object> event = event(task, exchange, NdxpRecords.Events.RESULT);
        event.put("status", exchange.status());
        event.put("result", exchange.result());
        event.put("failureReason", exchange.failureReason());
        send(task, service, event);
    }

    private Map<String, Object> event(ExternalTask task, WorkerApi.Delivery exchange, String kind) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", kind);
        // the same on every attempt: NDXP records an event it already has once, even when its answer was lost
        event.put("eventId", exchange.exchangeId() + ":" + kind);
        event.put("messageId", task.getVariable(NdxpRecords.Variables.MESSAGE_ID));
        event.put("exchangeId", exchange.exchangeId());
        event.put("destination", exchange.destination());
        event.put("at", java.time.Instant.now().toString());
        return event;
    }

    private void send(ExternalTask task, ExternalTaskService service, Map<String, Object> event) {
        String messageId = task.getVariable(NdxpRecords.Variables.MESSAGE_ID);
        String exchangeId = task.getVariable(Variables.EXCHANGE_ID);
        try {
            JsonHttp.Reply reply = http.post(ndxpUrl + NdxpRecords.eventsPath(
                    java.net.URLEncoder.encode(messageId, java.nio.charset.StandardCharsets.UTF_8)), tokens.get(), event,
                    Map.of(Ndxp.CLIENT_HEADER, Ndxp.LGSP_MEMBER));
            if (reply.ok()) {
                service.complete(task);
                return;
            }
            if (reply.status() == 401) {
                tokens.invalidate();
            }
            tryAgain(task, service, exchangeId, event, "NDXP answered " + reply.describe());
        } catch (IOException e) {
            tryAgain(task, service, exchangeId, event, "NDXP unreachable: " + e.getMessage());
        }
    }

    private void tryAgain(ExternalTask task, ExternalTaskService service, String exchangeId, Map<String, Object> event,
                          String reason) {
        if (retry.lastAttempt(task)) {
            log.error("Exchange {}: NDXP was not told {} after {} attempts ({}); the task waits as an incident",
                    exchangeId, event.get("event"), retry.maxAttempts(), reason);
        }
        Failures.retryOrGiveUp(task, service, retry, reason, null);
    }
}
