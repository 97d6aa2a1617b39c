package vn.hanoi.lgsp.contract;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/** Every request gets a transaction id: in the response header, the logs and monitoring. */
public final class TransactionIds {

    public static final String HEADER = "X-LGSP-Transaction-Id";
    public static final String REQUEST_ATTRIBUTE = "lgsp.transactionId";
    /** Set by the identity module once a bearer token is accepted. */
    public static final String AGENCY_ATTRIBUTE = "lgsp.agencyCode";
    /** Set by whoever writes a failure envelope, so monitoring records the token. */
    public static final String ERROR_ATTRIBUTE = "lgsp.error";
    /** Set by a handler that journals its calls itself (the gateway), so they are not recorded twice. */
    public static final String RECORDED_ATTRIBUTE = "lgsp.recorded";

    private TransactionIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ATTRIBUTE);
        return id == null ? null : id.toString();
    }
}
