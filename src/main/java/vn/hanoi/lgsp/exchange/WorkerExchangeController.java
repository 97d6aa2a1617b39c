package vn.hanoi.lgsp.exchange;

import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.contract.ApiResponses;

/**
 * What external-task workers need from the platform, over HTTP so that workers run as
 * separate processes: the record to deliver, and where their deliveries stand.
 */
@RestController
@RequestMapping(path = "/api/v1/internal/exchanges", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('lgsp-worker')")
class WorkerExchangeController {

    private final ExchangeService exchanges;
    private final AgencySystems systems;

    private final PushAudiences audiences;

    WorkerExchangeController(ExchangeService exchanges, AgencySystems systems, PushAudiences audiences) {
        this.exchanges = exchanges;
        this.systems = systems;
        this.audiences = audiences;
    }

    /** An agency system as the workers reach it; {@code audienceScope} gets a token for that agency alone. */
    record Endpoint(String baseUrl, boolean pushEnabled, String audienceScope) {
    }

    /** Everything a delivery needs; the content only while the exchange still holds it. */
    record Delivery(String code, String message, String exchangeId, ExchangeStatus status, String source,
                    String destination, String procedureCode, String contentType, String sha256, java.time.Instant deadline,
                    String content, String signature, boolean receiptConfirmed, Endpoint sourceSystem,
                    Endpoint destinationSystem, ExchangeView.Result result, String failureReason) {
    }

    record Applicant(String code, String message, String citizenId, String fullName) {
    }

    /** The receipt, with the push attempt that brought it (for monitoring). */
    record Receipt(String receivedSha256, Integer httpStatus, Long durationMs) {
    }

    record Attempt(String route, boolean success, String error, Integer httpStatus, Long durationMs) {
    }

    @GetMapping("/{id}")
    Delivery delivery(@PathVariable String id) {
        ExchangeStore.Exchange e = exchanges.require(ExchangeController.parse(id));
        var content = e.receivedAt() == null && !e.status().terminal()
                ? java.util.Optional.of(exchanges.content(e)) : java.util.Optional.<ExchangeStore.Content>empty();
        return new Delivery(ApiResponses.SUCCESS, "Exchange " + e.status(), e.id().toString(), e.status(), e.source(),
                e.destination(), e.procedureCode(), e.contentType(), e.contentSha256(), e.deadline(),
                content.map(c -> Base64.getEncoder().encodeToString(c.bytes())).orElse(null),
                content.map(ExchangeStore.Content::signature).orElse(null), e.receivedAt() != null,
                endpoint(e.source()), endpoint(e.destination()),
                e.resultCode() == null ? null : new ExchangeView.Result(e.resultCode(), e.resultMessage(), e.resultReference()),
                e.failureReason());
    }

    /** The applicant to verify through VDXP: personal data, kept with the content only. */
    @GetMapping("/{id}/applicant")
    Applicant applicant(@PathVariable String id) {
        ExchangeStore.Exchange e = exchanges.require(ExchangeController.parse(id));
        ExchangeStore.Content content = exchanges.content(e);
        return new Applicant(ApiResponses.SUCCESS, "Applicant of " + id, content.applicantCitizenId(), content.applicantName());
    }

    /** The destination's receipt from a synchronous push; checked against the record's digest. */
    @PostMapping(path = "/{id}/receipt", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponses.Ack receipt(@PathVariable String id, @RequestBody Receipt receipt) {
        var exchangeId = ExchangeController.parse(id);
        exchanges.confirmReceipt(exchangeId, receipt.receivedSha256(), false, "push");
        exchanges.recordAttempt(exchangeId, "LOCAL", true, null, receipt.httpStatus(), receipt.durationMs());
        return ApiResponses.ok("Receipt recorded");
    }

    @PostMapping(path = "/{id}/attempts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponses.Ack attempt(@PathVariable String id, @RequestBody Attempt attempt) {
        exchanges.recordAttempt(ExchangeController.parse(id), attempt.route(), attempt.success(), attempt.error(),
                attempt.httpStatus(), attempt.durationMs());
        return ApiResponses.ok("Attempt recorded");
    }

    private Endpoint endpoint(String agency) {
        return systems.find(agency).map(s -> new Endpoint(s.baseUrl(), s.pushEnabled(), audiences.scopeFor(agency)))
                .orElse(null);
    }
}
