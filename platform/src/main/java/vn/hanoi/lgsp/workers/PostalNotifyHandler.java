package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.workercontract.PostalProcess.Variables;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi;

/**
 * {@code postal-notify-status}: every status VNPost reported and the agency was not told yet,
 * oldest first, to the agency's system ({@code POST {base}/postal-status}, each with its
 * sequence so a repeat is recognised), and the milestones to the national tracking of dossiers.
 * An agency system that does not answer reads the same from {@code GET /api/v1/postal/shipments/{id}}
 * after a few tries; the national tracking is tried until it answers, then left to an incident.
 */
final class PostalNotifyHandler implements ExternalTaskHandler {

    private static final Logger log = LoggerFactory.getLogger(PostalNotifyHandler.class);
    private static final int ATTEMPTS = 5;

    private final PlatformApi platform;
    private final JsonHttp http;
    private final NdxpPostal ndxp;

    PostalNotifyHandler(PlatformApi platform, JsonHttp http, NdxpPostal ndxp) {
        this.platform = platform;
        this.http = http;
        this.ndxp = ndxp;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String shipmentId = task.getVariable(Variables.SHIPMENT_ID);
        RetryPolicy retry = new RetryPolicy(ATTEMPTS, 2000);
        var read = platform.readOrRetry(() -> platform.postalPending(shipmentId), task, service, retry);
        if (read.isEmpty()) {
            return;
        }
        WorkerApi.Pending pending = read.get();
        // statuses count as told only once both the agency and the national tracking have them;
        // a retry repeats the rest, which both recognise by sequence and state
        long done = 0;
        long last = 0;
        boolean agencyMissed = false;
        for (WorkerApi.StatusEvent status : pending.statuses()) {
            if (!agencyMissed && !tellAgency(pending, status)) {
                agencyMissed = true;
            }
            String state = NdxpPostal.trackingState(status.status());
            String problem = state == null ? null : track(pending, state, status);
            if (problem != null) {
                record(shipmentId, done);
                Failures.retryOrGiveUp(task, service, retry, problem, null);
                return;
            }
            if (!agencyMissed) {
                done = status.sequence();
            }
            last = status.sequence();
        }
        if (agencyMissed && !retry.lastAttempt(task)) {
            record(shipmentId, done);
            service.handleFailure(task, "the agency's system did not take the statuses", null,
                    retry.retriesLeftAfter(task), retry.backoffAfter(task));
            return;
        }
        if (agencyMissed) {
            log.warn("Shipment {}: the agency's system was not told; it can read the statuses from the API", shipmentId);
        }
        if (!record(shipmentId, last)) {
            Failures.handBack(task, service, retry, "the platform could not record the statuses told");
            return;
        }
        service.complete(task);
    }

    private boolean tellAgency(WorkerApi.Pending pending, WorkerApi.StatusEvent status) {
        WorkerApi.Endpoint system = pending.agencySystem();
        if (system == null || !system.pushEnabled()) {
            return true;
        }
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("shipmentId", pending.shipmentId());
        notice.put("dossierNumber", pending.dossierNumber());
        notice.put("trackingNumber", pending.trackingNumber());
        notice.put("sequence", status.sequence());
        notice.put("status", status.status());
        notice.put("at", status.at() == null ? null : status.at().toString());
        notice.put("note", status.note());
        try {
            JsonHttp.Reply reply = http.post(system.baseUrl() + "/postal-status",
                    platform.outboundToken(new vn.hanoi.lgsp.workercontract.WorkerApi.Endpoint(system.baseUrl(),
                            system.pushEnabled(), system.audienceScope())), notice);
            return reply.ok();
        } catch (IOException e) {
            return false;
        }
    }

    /** Null when the national tracking recorded the state, else why not. */
    private String track(WorkerApi.Pending pending, String state, WorkerApi.StatusEvent status) {
        try {
            JsonHttp.Reply reply = ndxp.track(pending.dossierNumber(), pending.procedureCode(), pending.agencyCode(),
                    state, pending.trackingNumber(), status.at());
            if (reply.status() == 401) {
                ndxp.tokenRefused();
            }
            return reply.ok() ? null : "the national tracking answered " + reply.describe();
        } catch (IOException e) {
            return "NDXP unreachable: " + e.getMessage();
        }
    }

    /** Best effort for a partial run: what was told is not told twice (the agency also de-duplicates). */
    private boolean record(String shipmentId, long upToSequence) {
        if (upToSequence <= 0) {
            return true;
        }
        try {
            platform.postalNotified(shipmentId, upToSequence);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
