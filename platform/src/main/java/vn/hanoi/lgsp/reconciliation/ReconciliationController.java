package vn.hanoi.lgsp.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Reconciliation (đối soát, App1 §3.6): partners read the LGSP's counts of their own lines and
 * upload theirs, each for its own side; DOST reads every line and opens a month on demand.
 */
@RestController
@RequestMapping(path = "/api/v1/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
class ReconciliationController {

    private static final Set<String> DOST = Set.of("dost-operator", "supervisor", "dost-leader");

    private final Reconciliations reconciliations;
    private final RuntimeService runtime;

    ReconciliationController(Reconciliations reconciliations, RuntimeService runtime) {
        this.reconciliations = reconciliations;
        this.runtime = runtime;
    }

    record Upload(List<Reconciliations.Report> lines) {
    }

    record Month(String code, String message, Reconciliations.Period period, List<Reconciliations.Line> lines) {
    }

    record Started(String code, String message, String period, String processInstanceId) {
    }

    /** DOST opens a month now (the process also opens each month by itself). */
    @PostMapping("/{period}/start")
    @ResponseStatus(HttpStatus.CREATED)
    Started start(@PathVariable String period, Authentication caller) {
        if (!AgencyCaller.of(caller).hasRole("dost-operator")) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only DOST operators open a reconciliation");
        }
        Reconciliations.month(period, Instant.now());
        if (reconciliations.find(period).isPresent()) {
            throw new ApiException(ErrorCode.DUPLICATE, "The reconciliation of " + period + " is already open");
        }
        String id = runtime.startProcessInstanceByMessage(ReconciliationProcess.MESSAGE_REQUESTED,
                Map.of(ReconciliationProcess.Variables.PERIOD, period)).getId();
        return new Started(ApiResponses.SUCCESS, "Reconciliation of " + period + " opened", period, id);
    }

    /** The month's lines: DOST every one, an agency's system those it provides or consumes. */
    @GetMapping("/{period}")
    Month read(@PathVariable String period, Authentication caller) {
        String agency = viewer(caller);
        Reconciliations.month(period, Instant.now());
        Reconciliations.Period found = reconciliations.find(period)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No reconciliation for " + period));
        return new Month(ApiResponses.SUCCESS, "Reconciliation of " + period, found, reconciliations.lines(period, agency));
    }

    /** An agency's system uploads its own counts: as provider of its services, as consumer of others'. */
    @PostMapping(path = "/{period}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Month upload(@PathVariable String period, @RequestBody Upload upload, Authentication caller) {
        String agency = AgencyCaller.of(caller).agencyCode();
        if (agency == null) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "Counts are uploaded by an agency's system (its client credentials carry agency_code)");
        }
        Reconciliations.month(period, Instant.now());
        boolean complete = reconciliations.report(period, agency, upload == null ? null : upload.lines());
        if (complete) {
            // the wait ends now rather than at the due date
            runtime.createMessageCorrelation(ReconciliationProcess.MESSAGE_ALL_REPORTED)
                    .processInstanceBusinessKey("reconciliation-" + period).correlateAll();
        }
        return new Month(ApiResponses.SUCCESS, complete ? "Counts taken; every line now has both sides' counts"
                : "Counts taken", reconciliations.find(period).orElseThrow(), reconciliations.lines(period, agency));
    }

    private static String viewer(Authentication caller) {
        if (AgencyCaller.of(caller).roles().stream().anyMatch(DOST::contains)) {
            return null;
        }
        String agency = AgencyCaller.of(caller).agencyCode();
        if (agency == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Reconciliation is read by DOST and by the partners' systems");
        }
        return agency;
    }
}
