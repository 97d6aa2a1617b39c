package vn.hanoi.lgsp.exchange;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/** Record exchange for agency systems: submit, follow, report the result; the inbox for pulling systems. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ExchangeController {

    private final ExchangeService exchanges;

    ExchangeController(ExchangeService exchanges) {
        this.exchanges = exchanges;
    }

    record Accepted(String code, String message, String exchangeId, ExchangeStatus status) {
    }

    record Detail(String code, String message, ExchangeView exchange) {
    }

    record ResultReport(String code, String message, String reference) {
    }

    record InboxItem(String exchangeId, String source, String procedureCode, String contentType, String contentSha256,
                     long contentBytes, java.time.Instant createdAt, java.time.Instant deadline) {
    }

    record Inbox(String code, String message, List<InboxItem> records) {
    }

    record InboxRecord(String code, String message, InboxItem record, String content, String signature) {
    }

    record Ack(String receivedSha256) {
    }

    @PostMapping(path = "/exchanges", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> submit(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    @RequestBody SubmitRequest request, Authentication caller) {
        ExchangeService.Submitted submitted = exchanges.submit(CallerAgency.of(caller), idempotencyKey, request);
        ExchangeStore.Exchange e = submitted.exchange();
        String message = submitted.replay() ? "Record already accepted with this Idempotency-Key"
                : "Record accepted for " + e.destination();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/v1/exchanges/" + e.id())
                .body(new Accepted(ApiResponses.SUCCESS, message, e.id().toString(), e.status()));
    }

    @GetMapping("/exchanges/{id}")
    Detail get(@PathVariable String id, Authentication caller) {
        ExchangeStore.Exchange e = exchanges.view(parse(id), CallerAgency.of(caller));
        return new Detail(ApiResponses.SUCCESS, "Exchange " + e.status(), ExchangeView.of(e, exchanges.timeline(e.id())));
    }

    /** The destination reports the outcome of processing the record; it goes back to the source. */
    @PostMapping(path = "/exchanges/{id}/result", consumes = MediaType.APPLICATION_JSON_VALUE)
    Detail result(@PathVariable String id, @RequestBody ResultReport report, Authentication caller) {
        if (report == null || report.code() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The result needs a code: 00 processed, 01 refused");
        }
        ExchangeStore.Exchange e = exchanges.reportResult(parse(id), CallerAgency.of(caller), report.code(),
                report.message(), report.reference());
        return new Detail(ApiResponses.SUCCESS, "Result recorded", ExchangeView.of(e, exchanges.timeline(e.id())));
    }

    @GetMapping("/inbox")
    Inbox inbox(@RequestParam(defaultValue = "20") int limit, Authentication caller) {
        List<InboxItem> items = exchanges.inbox(CallerAgency.of(caller), limit).stream().map(ExchangeController::item).toList();
        return new Inbox(ApiResponses.SUCCESS, items.size() + " records waiting", items);
    }

    @GetMapping("/inbox/{id}")
    InboxRecord inboxRecord(@PathVariable String id, Authentication caller) {
        String agency = CallerAgency.of(caller);
        ExchangeStore.Exchange e = exchanges.view(parse(id), agency);
        if (!e.destination().equals(agency)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No record " + id + " in the inbox of " + agency);
        }
        ExchangeStore.Content content = exchanges.content(e);
        return new InboxRecord(ApiResponses.SUCCESS, "Record " + id, item(e),
                java.util.Base64.getEncoder().encodeToString(content.bytes()), content.signature());
    }

    /** The destination confirms it holds the record, with the digest of what it received. */
    @PostMapping(path = "/inbox/{id}/ack", consumes = MediaType.APPLICATION_JSON_VALUE)
    Detail ack(@PathVariable String id, @RequestBody Ack ack, Authentication caller) {
        String agency = CallerAgency.of(caller);
        ExchangeStore.Exchange e = exchanges.view(parse(id), agency);
        if (!e.destination().equals(agency)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No record " + id + " in the inbox of " + agency);
        }
        ExchangeStore.Exchange acked = exchanges.confirmReceipt(e.id(), ack == null ? null : ack.receivedSha256(), true,
                "inbox acknowledgement");
        return new Detail(ApiResponses.SUCCESS, "Receipt recorded", ExchangeView.of(acked, exchanges.timeline(e.id())));
    }

    private static InboxItem item(ExchangeStore.Exchange e) {
        return new InboxItem(e.id().toString(), e.source(), e.procedureCode(), e.contentType(), e.contentSha256(),
                e.contentBytes(), e.createdAt(), e.deadline());
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No exchange " + id + " (exchange ids are UUIDs)");
        }
    }
}
