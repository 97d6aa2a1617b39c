package vn.hanoi.lgsp.postal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.workercontract.PostalProcess;

/** VNPost's statuses of a shipment, handed over by NDXP with NDXP's own credential. */
@RestController
@PreAuthorize("hasRole('national-platform')")
class PostalStatusCallbackController {

    private static final java.util.regex.Pattern TRACKING_NUMBER = java.util.regex.Pattern.compile(
            "[A-Z]{2}[0-9]{9}[A-Z]{2}");
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private final PostalService postal;

    PostalStatusCallbackController(PostalService postal) {
        this.postal = postal;
    }

    record StatusCallback(String trackingNumber, String orderNumber, String status, String at, String note) {
    }

    @PostMapping(path = PostalProcess.Ndxp.STATUS_CALLBACK, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ApiResponses.Ack status(@RequestBody StatusCallback callback) {
        if (callback == null || callback.trackingNumber() == null || callback.status() == null || callback.at() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A postal status needs trackingNumber, status and at");
        }
        if (!TRACKING_NUMBER.matcher(callback.trackingNumber()).matches()
                || callback.orderNumber() != null && callback.orderNumber().length() > 60) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "trackingNumber must be an S10 number such as"
                    + " EH123456785VN, orderNumber at most 60 characters");
        }
        Instant at;
        try {
            at = Instant.parse(callback.at());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "at must be an ISO-8601 instant such as"
                    + " 2026-12-04T08:00:00Z");
        }
        // the moment is what tells a retried callback from a new one, and orders the statuses
        if (at.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "at " + at + " is in the future");
        }
        postal.statusReported(callback.trackingNumber(), callback.orderNumber(), callback.status(), at, callback.note());
        return ApiResponses.ok("Status " + callback.status() + " recorded for " + callback.trackingNumber());
    }
}
