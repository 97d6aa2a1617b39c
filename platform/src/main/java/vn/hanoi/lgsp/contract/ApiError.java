package vn.hanoi.lgsp.contract;

import java.util.List;

/**
 * The failure envelope (Appendix 01 §3.1: status code {@code 01}).
 *
 * @param code          always {@code "01"}
 * @param message       what went wrong, in words a person can act on
 * @param error         the machine-readable token
 * @param transactionId the same id as the {@code X-LGSP-Transaction-Id} header, for support
 * @param details       one entry per offending field, when there are several
 */
public record ApiError(String code, String message, String error, String transactionId, List<Detail> details) {

    public static final String FAILURE = "01";

    public record Detail(String field, String reason) {
    }

    public static ApiError of(ErrorCode error, String message, String transactionId, List<Detail> details) {
        return new ApiError(FAILURE, message, error.name(), transactionId, details == null || details.isEmpty() ? null : details);
    }
}
