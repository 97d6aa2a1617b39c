package vn.hanoi.lgsp.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.audit.JournalUnavailableException;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * The last step of a gateway call: every call is journalled durably before its answer leaves,
 * refusals included. An answer that cannot be journalled is withheld while it is still the
 * gateway's to withhold.
 */
@Component
class CallJournal {

    private static final Logger log = LoggerFactory.getLogger(CallJournal.class);

    private final AuditJournal journal;
    private final GatewayCalls calls;
    private final ObjectMapper json;
    private final org.springframework.context.ApplicationEventPublisher events;

    CallJournal(AuditJournal journal, GatewayCalls calls, ObjectMapper json,
                org.springframework.context.ApplicationEventPublisher events) {
        this.journal = journal;
        this.calls = calls;
        this.json = json;
        this.events = events;
    }

    /** A refused call: the refusal goes on record and, while nothing has gone out yet, to the consumer. */
    void refused(ApiException refusal, HttpServletRequest request, HttpServletResponse response, GatewayCall call)
            throws IOException {
        call.failed(refusal.error(), refusal.error().status().value());
        signal(refusal.error(), call);
        writeFailure(request, response, refusal.error(), refusal.getMessage(), refusal.details());
    }

    /** Refusals the security watch counts (Đ10.4): calls outside a grant, a quota run dry. */
    private void signal(ErrorCode error, GatewayCall call) {
        String rule = error == ErrorCode.NOT_GRANTED ? vn.hanoi.lgsp.contract.SecuritySignal.OUTSIDE_GRANT
                : error == ErrorCode.RATE_LIMITED ? vn.hanoi.lgsp.contract.SecuritySignal.QUOTA_EXHAUSTED : null;
        if (rule != null && call.consumer != null) {
            events.publishEvent(new vn.hanoi.lgsp.contract.SecuritySignal(rule, "agency " + call.consumer,
                    error.name() + " on " + call.service + "/" + call.version));
        }
    }

    /** A call that broke off (the consumer went away, or the answer had to be cut short): on record all the same. */
    void brokenOff(GatewayCall call) {
        call.failed(call.error != null ? call.error : ErrorCode.INTERNAL_ERROR, call.httpStatus != 0 ? call.httpStatus : 500);
        journal.appendDurably(calls.auditEntry(call), calls.document(call));
    }

    /** Writes the call to the journal; if it cannot, the provider's answer does not leave. */
    void record(HttpServletRequest request, HttpServletResponse response, GatewayCall call) throws IOException {
        try {
            journal.appendDurably(calls.auditEntry(call), calls.document(call));
        } catch (JournalUnavailableException e) {
            log.error("Gateway call {} could not be journalled; its answer is withheld", call.transactionId, e);
            if (!response.isCommitted()) {
                // nothing of the provider's answer may go out with the refusal, headers included
                response.reset();
                response.setHeader(TransactionIds.HEADER, call.transactionId);
                writeFailure(request, response, ErrorCode.INTERNAL_ERROR,
                        "The call could not be written to the LGSP's journal, so its answer is withheld; try again",
                        List.of());
            }
        }
    }

    private void writeFailure(HttpServletRequest request, HttpServletResponse response, ErrorCode error, String message,
                              List<ApiError.Detail> details) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        request.setAttribute(TransactionIds.ERROR_ATTRIBUTE, error.name());
        byte[] body = json.writeValueAsBytes(ApiError.of(error, message, TransactionIds.of(request), details));
        response.setStatus(error.status().value());
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
