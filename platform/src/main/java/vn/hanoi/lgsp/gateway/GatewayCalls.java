package vn.hanoi.lgsp.gateway;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.monitoring.TransactionDocument;

/**
 * A gateway call as the journal and monitoring keep it: who, which service and version, the
 * path template (never query values: they may be identifiers), outcome, both latencies, sizes,
 * purpose and officer, the subject as a keyed hash. Never a body.
 */
@Component
class GatewayCalls {

    static final String KIND = "gateway-call";
    static final String ACTION = "gateway.call";

    AuditEntry auditEntry(GatewayCall call) {
        Map<String, Object> details = new LinkedHashMap<>();
        put(details, "provider", call.provider);
        put(details, "environment", environment(call));
        put(details, "method", call.method);
        put(details, "path", call.pathTemplate);
        put(details, "route", call.route);
        details.put("httpStatus", call.httpStatus);
        put(details, "error", call.error == null ? null : call.error.name());
        details.put("gatewayMs", gatewayMillis(call));
        details.put("upstreamMs", call.upstreamNanos / 1_000_000);
        details.put("bytesIn", call.bytesIn);
        details.put("bytesOut", call.bytesOut);
        put(details, "purpose", call.purpose);
        put(details, "officer", call.officer);
        put(details, "subject", call.subjectHash);
        put(details, "xroadClient", call.xroadClient);
        put(details, "xroadId", call.xroadId);
        String target = call.service == null ? null : call.service + "/" + call.version;
        // through NDXP the actor is NDXP's client, acting for the member it named (the consumer)
        AuditEntry.ActorKind kind = call.xroadClient != null ? AuditEntry.ActorKind.NATIONAL_PLATFORM
                : AuditEntry.ActorKind.AGENCY_SYSTEM;
        return new AuditEntry(call.at, kind, call.client == null ? "unknown" : call.client,
                call.consumer, ACTION, target, call.outcome(), call.transactionId, details);
    }

    TransactionDocument document(GatewayCall call) {
        long totalMs = (System.nanoTime() - call.startNanos) / 1_000_000;
        String path = call.service == null ? GatewayController.PREFIX
                : GatewayController.PREFIX + call.service + "/" + call.version + (call.pathTemplate == null ? "" : call.pathTemplate);
        return new TransactionDocument(call.transactionId, call.at, KIND, call.method, path, call.consumer,
                call.provider, call.service, call.version, call.route, null, null, call.outcome(),
                call.error == null ? null : call.error.name(), call.httpStatus, totalMs, call.bytesIn, call.bytesOut,
                environment(call), call.upstreamNanos / 1_000_000, call.purpose, call.officer);
    }

    private static long gatewayMillis(GatewayCall call) {
        return Math.max(0, (System.nanoTime() - call.startNanos - call.upstreamNanos) / 1_000_000);
    }

    private static String environment(GatewayCall call) {
        return call.environment == null ? null : call.environment.name().toLowerCase(Locale.ROOT);
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
