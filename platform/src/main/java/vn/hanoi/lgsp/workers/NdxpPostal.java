package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.Map;
import vn.hanoi.lgsp.workercontract.PostalProcess.Ndxp;
import vn.hanoi.lgsp.workercontract.PostalProcess.TrackingStates;

/**
 * VNPost and the national tracking of dossiers as NDXP publishes them: the LGSP's NDXP token
 * and X-Road addressing of caller and service member on every call.
 */
final class NdxpPostal {

    private final JsonHttp http;
    private final AccessTokens tokens;
    private final String ndxpUrl;

    NdxpPostal(JsonHttp http, AccessTokens tokens, String ndxpUrl) {
        this.http = http;
        this.tokens = tokens;
        this.ndxpUrl = ndxpUrl;
    }

    JsonHttp.Reply vnpost(String resource, Object body) throws IOException {
        return call(Ndxp.VNPOST_CONTEXT + resource, Ndxp.VNPOST_SERVICE, body);
    }

    /** One state of a dossier that travels by post; NDXP's service records each state once. */
    JsonHttp.Reply track(String dossierNumber, String procedureCode, String agencyCode, String state,
                         String trackingNumber, java.time.Instant at) throws IOException {
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("dossierNumber", dossierNumber);
        report.put("procedureCode", procedureCode);
        report.put("agencyCode", agencyCode);
        report.put("state", state);
        report.put("byPost", true);
        report.put("trackingNumber", trackingNumber);
        report.put("at", at == null ? java.time.Instant.now().toString() : at.toString());
        return call(Ndxp.TRACKING_CONTEXT + "/ho-so/trang-thai", Ndxp.TRACKING_SERVICE, report);
    }

    /** The national tracking's state for a shipment's status; none for the statuses on the way. */
    static String trackingState(String status) {
        return switch (status) {
            case "ACCEPTED" -> TrackingStates.RESULT_SENT;
            case "DELIVERED" -> TrackingStates.RESULT_RETURNED;
            case "RETURNED" -> TrackingStates.RESULT_UNDELIVERED;
            default -> null;
        };
    }

    void tokenRefused() {
        tokens.invalidate();
    }

    private JsonHttp.Reply call(String path, String service, Object body) throws IOException {
        return http.post(ndxpUrl + path, tokens.get(), body,
                Map.of(Ndxp.CLIENT_HEADER, Ndxp.LGSP_MEMBER, Ndxp.SERVICE_HEADER, service));
    }
}
