package vn.hanoi.lgsp.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.TechnicalDocument;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * The lifecycle of a service, asked for by the agencies' systems (or by DOST operators acting
 * for them): a provider submits a new version or announces its service's end; a consumer moves
 * to a new version or stops using a service.
 */
@RestController
class ServiceLifecycleController {

    private final ServiceLifecycle lifecycle;

    ServiceLifecycleController(ServiceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    record UpgradeBody(String version, String baseUrl, String openApi, String postmanCollection,
                       List<TechnicalDocument> documents, String qualityNotes, String migrationNotes, String sunsetOn) {
    }

    record RetirementBody(String retireOn, String reason) {
    }

    record OffboardingBody(String consumer, String reason) {
    }

    record StartedResponse(String code, String message, String processInstanceId, String businessKey, Instant deadline) {
    }

    record GrantResponse(String code, String message, AccessGrant grant) {
    }

    @PostMapping("/api/v1/services/{code}/upgrades")
    @ResponseStatus(HttpStatus.ACCEPTED)
    StartedResponse upgrade(@PathVariable String code, @RequestBody UpgradeBody body, Authentication caller) {
        ServiceLifecycle.Started started = lifecycle.submitUpgrade(code, new ServiceLifecycle.UpgradeRequest(
                body.version(), body.baseUrl(), body.openApi(), body.postmanCollection(), body.documents(),
                body.qualityNotes(), body.migrationNotes(), date("sunsetOn", body.sunsetOn())), caller(caller));
        return new StartedResponse(ApiResponses.SUCCESS, "Version " + body.version() + " of " + code
                + " registered as DRAFT; DOST reviews it by the deadline", started.processInstanceId(),
                started.businessKey(), started.firstDeadline());
    }

    @PostMapping("/api/v1/services/{code}/retirement")
    @ResponseStatus(HttpStatus.ACCEPTED)
    StartedResponse retire(@PathVariable String code, @RequestBody RetirementBody body, Authentication caller) {
        ServiceLifecycle.Started started = lifecycle.announceRetirement(code, date("retireOn", body.retireOn()),
                body.reason(), caller(caller));
        return new StartedResponse(ApiResponses.SUCCESS, "The end of " + code + " on " + body.retireOn()
                + " is announced to its consumers; DOST confirms it by the deadline", started.processInstanceId(),
                started.businessKey(), started.firstDeadline());
    }

    @PostMapping("/api/v1/services/{code}/offboarding")
    @ResponseStatus(HttpStatus.ACCEPTED)
    StartedResponse offboard(@PathVariable String code, @RequestBody(required = false) OffboardingBody body,
                             Authentication caller) {
        OffboardingBody request = body == null ? new OffboardingBody(null, null) : body;
        ServiceLifecycle.Started started = lifecycle.requestOffboarding(code, request.consumer(), request.reason(),
                caller(caller));
        return new StartedResponse(ApiResponses.SUCCESS, "The provider of " + code + " revokes the grants by the deadline",
                started.processInstanceId(), started.businessKey(), started.firstDeadline());
    }

    @PostMapping("/api/v1/services/{code}/versions/{version}/migration")
    @ResponseStatus(HttpStatus.CREATED)
    GrantResponse migrate(@PathVariable String code, @PathVariable String version, Authentication caller) {
        AccessGrant grant = lifecycle.migrate(code, version, caller(caller));
        return new GrantResponse(ApiResponses.SUCCESS, "Production grant " + grant.id() + " on " + code + " " + version
                + "; the grant on the earlier version stays until its sunset", grant);
    }

    /** A DOST operator acts for DOST; anyone else acts for the agency its token names. */
    private static ServiceLifecycle.Caller caller(Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        if (who.hasRole("dost-operator")) {
            return new ServiceLifecycle.Caller(null, caller.getName());
        }
        String agency = who.requireAgency("A service's lifecycle is changed by its agencies' "
                + "systems or by DOST operators: the token names no agency");
        return new ServiceLifecycle.Caller(agency, caller.getName());
    }

    private static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a date (YYYY-MM-DD)");
        }
    }
}
