package vn.hanoi.lgsp.contract;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside the controllers (filters, the servlet container) reach this page;
 * it answers with the same envelope instead of Spring's default error body.
 */
@RestController
class ApiErrorController implements ErrorController {

    private final EnvelopeWriter envelopes;

    ApiErrorController(EnvelopeWriter envelopes) {
        this.envelopes = envelopes;
    }

    // no "produces": an error page that matched only JSON requests left others with an empty 406
    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        ErrorCode error = ErrorCode.forStatus(status);
        String message = switch (error) {
            case NOT_FOUND -> "No such resource: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case INTERNAL_ERROR -> "The platform could not complete the call; quote transaction id "
                    + TransactionIds.of(request) + " to the LGSP operators";
            default -> "The request failed with HTTP status " + status;
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(envelopes.failure(request, error, message, List.of()));
    }
}
