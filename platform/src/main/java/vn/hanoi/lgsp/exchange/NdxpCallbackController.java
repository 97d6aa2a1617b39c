package vn.hanoi.lgsp.exchange;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * NDXP tells the LGSP what became of a record sent out of the city: received by the
 * destination (with the digest it got), then the destination's result.
 */
@RestController
@RequestMapping(path = "/api/v1/national/ndxp", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('national-platform')")
class NdxpCallbackController {

    private final ExchangeService exchanges;

    NdxpCallbackController(ExchangeService exchanges) {
        this.exchanges = exchanges;
    }

    record Callback(String messageId, String ndxpMessageId, String event, String receivedSha256, Result result) {
    }

    record Result(String code, String message, String reference) {
    }

    @PostMapping(path = "/callbacks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponses.Ack callback(@RequestBody Callback callback) {
        if (callback == null || callback.messageId() == null || callback.event() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A callback needs messageId and event");
        }
        var id = ExchangeController.parse(callback.messageId());
        if (!"NDXP".equals(exchanges.require(id).route())) {
            // NDXP speaks only for the records it carried
            throw new ApiException(ErrorCode.NOT_FOUND, "Exchange " + id + " was not sent through NDXP");
        }
        switch (callback.event()) {
            case "RECEIVED" -> exchanges.confirmReceipt(id, callback.receivedSha256(), true, "NDXP " + callback.ndxpMessageId());
            case "RESULT" -> {
                if (callback.result() == null) {
                    throw new ApiException(ErrorCode.VALIDATION_FAILED, "A RESULT callback needs its result");
                }
                ExchangeStore.Exchange e = exchanges.require(id);
                exchanges.reportResult(id, e.destination(), callback.result().code(), callback.result().message(),
                        callback.result().reference());
            }
            default -> throw new ApiException(ErrorCode.VALIDATION_FAILED, "Unknown event " + callback.event()
                    + "; expected RECEIVED or RESULT");
        }
        return ApiResponses.ok("Callback " + callback.event() + " recorded for " + callback.messageId());
    }
}
