package vn.hanoi.lgsp.gateway;

import java.time.Instant;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.contract.ErrorCode;

/** What one gateway call was, filled in as it goes: the journal's and monitoring's view of it. */
final class GatewayCall {

    final String transactionId;
    final Instant at;
    final long startNanos;
    final String method;
    String consumer;
    String client;
    /** Through NDXP: the member NDXP asserted ({@code VN:GOV:<code>:<subsystem>}) and NDXP's message id. */
    String xroadClient;
    String xroadId;
    String provider;
    String service;
    String version;
    AccessGrant.Environment environment;
    String route;
    String pathTemplate;
    String purpose;
    String officer;
    String subjectHash;
    int httpStatus;
    /** {@code 00}/{@code 01} from the provider's envelope, when it answered with one. */
    String code;
    ErrorCode error;
    long upstreamNanos;
    long bytesIn;
    long bytesOut;

    GatewayCall(String transactionId, Instant at, long startNanos, String method) {
        this.transactionId = transactionId;
        this.at = at;
        this.startNanos = startNanos;
        this.method = method;
    }

    void failed(ErrorCode error, int httpStatus) {
        this.error = error;
        this.httpStatus = httpStatus;
        this.code = "01";
    }

    /** The call's outcome: the provider's envelope code if it sent one, else its HTTP status. */
    String outcome() {
        if (code != null) {
            return code;
        }
        return httpStatus > 0 && httpStatus < 400 ? "00" : "01";
    }
}
