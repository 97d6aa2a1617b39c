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

    private final PostalService postal;

    PostalStatusCallbackController(PostalService postal) {
        this.postal = postal;
    }

    record StatusCallback(String trackingNumber, String orderNumber, String status, String at, String note) {
    }

    @PostMapping(path = PostalProcess.Ndxp.STATUS_CALLBACK, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ApiResponses.Ack status(@RequestBody StatusCallback callback) {
        if (callback == null || callback.trackingNumber() == null || callback.status() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A postal status needs trackingNumber and status");
        }
        Instant at;
        try {
            at = callback.at() == null ? null : Instant.parse(callback.at());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "at must be an ISO-8601 instant such as"
                    + " 2026-12-04T08:00:00Z");
        }
        postal.statusReported(callback.trackingNumber(), callback.orderNumber(), callback.status(), at, callback.note());
        return ApiResponses.ok("Status " + callback.status() + " recorded for " + callback.trackingNumber());
    }
}
