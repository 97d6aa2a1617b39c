package vn.hanoi.lgsp.exchange;

import vn.hanoi.lgsp.identity.PushAudiences;

import java.util.Base64;
import vn.hanoi.lgsp.workercontract.WorkerApi;
import vn.hanoi.lgsp.workercontract.WorkerApi.Applicant;
import vn.hanoi.lgsp.workercontract.WorkerApi.Attempt;
import vn.hanoi.lgsp.workercontract.WorkerApi.Delivery;
import vn.hanoi.lgsp.workercontract.WorkerApi.Endpoint;
import vn.hanoi.lgsp.workercontract.WorkerApi.Receipt;
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
@RequestMapping(path = WorkerApi.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
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

    @GetMapping("/{id}")
    Delivery delivery(@PathVariable String id) {
        ExchangeStore.Exchange e = exchanges.require(ExchangeController.parse(id));
        var content = e.receivedAt() == null && !e.status().terminal()
                ? java.util.Optional.of(exchanges.content(e)) : java.util.Optional.<ExchangeStore.Content>empty();
        return new Delivery(ApiResponses.SUCCESS, "Exchange " + e.status(), e.id().toString(), e.status().name(), e.source(),
                e.destination(), e.procedureCode(), e.contentType(), e.contentSha256(), e.deadline(),
                content.map(c -> Base64.getEncoder().encodeToString(c.bytes())).orElse(null),
                content.map(ExchangeStore.Content::signature).orElse(null), e.receivedAt() != null,
                // a case's record is answered to the case, not pushed to the owning agency's system
                ProcedureExchanges.madeForCase(e) ? null : endpoint(e.source()), endpoint(e.destination()),
                e.resultCode() == null ? null : new WorkerApi.Result(e.resultCode(), e.resultMessage(), e.resultReference()),
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
