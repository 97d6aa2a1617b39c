package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import vn.hanoi.lgsp.workercontract.PostalProcess.TrackingStates;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * {@code vnpost-report-receipt}: an application VNPost brought reached its agency; VNPost and
 * the national tracking of dossiers are told through NDXP. Both record a repeat once, so a
 * retry after a lost answer tells nobody twice.
 */
final class VnpostReceiptHandler implements ExternalTaskHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VnpostReceiptHandler.class);

    private static final int ATTEMPTS = 8;

    private final PlatformApi platform;
    private final NdxpPostal ndxp;
    private final java.time.Duration firstBackoff;

    VnpostReceiptHandler(PlatformApi platform, NdxpPostal ndxp, java.time.Duration firstBackoff) {
        this.platform = platform;
        this.ndxp = ndxp;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String exchangeId = task.getVariable(Variables.EXCHANGE_ID);
        RetryPolicy retry = new RetryPolicy(ATTEMPTS, firstBackoff.toMillis());
        var read = platform.readOrRetry(() -> platform.postalApplication(exchangeId), task, service, retry);
        if (read.isEmpty()) {
            return;
        }
        WorkerApi.Application application = read.get();
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("exchangeId", exchangeId);
        receipt.put("destination", application.destination());
        receipt.put("receivedAt", application.receivedAt() == null ? null : application.receivedAt().toString());
        try {
            JsonHttp.Reply told = ndxp.vnpost("/applications/" + application.applicationNumber() + "/receipt", receipt);
            if (!told.ok()) {
                refused(told);
                giveUpOrRetry(task, service, retry, exchangeId, "VNPost through NDXP answered " + told.describe());
                return;
            }
            JsonHttp.Reply tracked = ndxp.track(application.applicationNumber(), application.procedureCode(),
                    application.destination(), TrackingStates.RECEIVED, application.trackingNumber(),
                    application.receivedAt());
            if (!tracked.ok()) {
                refused(tracked);
                giveUpOrRetry(task, service, retry, exchangeId, "the national tracking answered " + tracked.describe());
                return;
            }
            platform.vnpostTold(exchangeId);
        } catch (PlatformApi.Unavailable e) {
            Failures.handBack(task, service, retry, "the platform could not be reached: " + e.getMessage());
            return;
        } catch (IOException e) {
            giveUpOrRetry(task, service, retry, exchangeId, "NDXP unreachable: " + e.getMessage());
            return;
        }
        service.complete(task);
    }

    /**
     * The agency has the record whatever VNPost hears: after the last attempt the exchange goes on
     * to its result, and the application stays marked as not told (its {@code vnpost_told_at} empty).
     */
    private static void giveUpOrRetry(ExternalTask task, ExternalTaskService service, RetryPolicy retry,
                                      String exchangeId, String reason) {
        if (retry.lastAttempt(task)) {
            log.warn("Exchange {}: VNPost was not told of the receipt ({})", exchangeId, reason);
            service.complete(task);
        } else {
            service.handleFailure(task, reason, null, retry.retriesLeftAfter(task), retry.backoffAfter(task));
        }
    }

    private void refused(JsonHttp.Reply reply) {
        if (reply.status() == 401) {
            ndxp.tokenRefused();
        }
    }
}
