package vn.hanoi.lgsp.procedure;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Cases of the procedures analysts put into service: started by the owning agency's system (its
 * production credential reaches the version DOST approved, its test credential the version under
 * review), or by an analyst as a test case; read by the agencies that take part.
 */
@RestController
@RequestMapping(path = "/api/v1/procedures", produces = MediaType.APPLICATION_JSON_VALUE)
class ProcedureController {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");
    private static final String ANALYSTS = "process-analysts";

    private final ProcedureCases cases;
    private final ModelReleases releases;

    ProcedureController(ProcedureCases cases, ModelReleases releases) {
        this.cases = cases;
        this.releases = releases;
    }

    /** Which version of a procedure or decision table production runs: a DOST leader puts another approved one back. */
    record ProductionChoice(String kind, Integer version) {
    }

    @PostMapping(path = "/{key}/production", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> reactivate(@PathVariable String key, @RequestBody ProductionChoice choice, Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        if (!who.hasRole("dost-leader") || who.agencyCode() != null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A DOST leader chooses the version in production");
        }
        if (!KEY.matcher(key).matches() || choice == null || choice.version() == null || choice.version() < 1
                || !java.util.Set.of("PROCESS", "DECISION").contains(choice.kind())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Give kind (PROCESS or DECISION) and a version number");
        }
        try {
            releases.reactivate(choice.kind(), key, choice.version(), who.name());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
        return Map.of("code", ApiResponses.SUCCESS, "message", "Phiên bản " + choice.version() + " của " + key
                + " được đưa lại vào vận hành", "key", key, "version", choice.version());
    }

    /** Starts a case; the case number is the idempotency key (the same request again answers the same case). */
    @PostMapping(path = "/{key}/cases", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> start(@PathVariable String key, @RequestBody ProcedureCases.StartRequest request,
                                              Authentication caller) {
        if (!KEY.matcher(key).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A procedure key is a letter then letters, digits, '-' or '_'");
        }
        AgencyCaller who = AgencyCaller.of(caller);
        String system = who.agencyCode();
        ProcedureCases.Started started;
        if (system != null) {
            ProcedureCases.Environment environment = who.testCredential() ? ProcedureCases.Environment.TEST
                    : ProcedureCases.Environment.PRODUCTION;
            started = cases.start(key, system, who.name(), environment, false, request);
        } else if (who.groups().contains(ANALYSTS)) {
            // an analyst tries the version under review as its owner would, in the test environment only
            started = cases.start(key, null, who.name(), ProcedureCases.Environment.TEST, true, request);
        } else {
            throw new ApiException(ErrorCode.FORBIDDEN, "Cases are started by the owning agency's system, or by an analyst"
                    + " (process-analysts) in the test environment");
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", ApiResponses.SUCCESS);
        body.put("message", started.replay() ? "Vụ việc đã được tiếp nhận trước đó" : "Đã tiếp nhận vụ việc");
        body.putAll(ProcedureCases.describe(started.started(), cases.steps(started.started().id())));
        return ResponseEntity.status(started.replay() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(body);
    }

    /** The case and every agency's step in it (no content), for the agencies that take part. */
    @GetMapping("/cases/{id}")
    Map<String, Object> view(@PathVariable String id, Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        String agency = who.agencyCode();
        if (agency == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A case is read by the agencies' systems that take part in it");
        }
        UUID caseId;
        try {
            caseId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No case " + id);
        }
        ProcedureCases.Case found = cases.view(caseId, agency);
        if (who.testCredential() && found.environment() != ProcedureCases.Environment.TEST) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No case " + id + " is visible to this test credential");
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", ApiResponses.SUCCESS);
        body.put("message", "Vụ việc " + found.caseNumber());
        body.putAll(ProcedureCases.describe(found, cases.steps(caseId)));
        return body;
    }
}
