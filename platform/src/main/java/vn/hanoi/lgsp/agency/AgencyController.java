package vn.hanoi.lgsp.agency;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
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

/** The agency registry: read by every connected system, changed by DOST operators. */
@RestController
@RequestMapping("/api/v1/agencies")
class AgencyController {

    private final AgencyRegistry registry;
    private final AgencySystems systems;
    private final SystemChanges changes;

    AgencyController(AgencyRegistry registry, AgencySystems systems, SystemChanges changes) {
        this.registry = registry;
        this.systems = systems;
        this.changes = changes;
    }

    record SystemRequest(@NotNull String baseUrl, Boolean pushEnabled, String signingKeyJwk, Boolean signatureRequired,
                         Boolean statusLevel2, Integer pollIntervalSeconds) {
    }

    record SystemResponse(String code, String message, AgencySystem system) {
    }

    @GetMapping("/{code}/system")
    SystemResponse system(@PathVariable String code) {
        AgencySystem system = systems.find(code).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "Agency " + code + " has no connected system"));
        return new SystemResponse(ApiResponses.SUCCESS, "Connected system of " + code, system);
    }

    record ChangeResponse(String code, String message, SystemChanges.Change change) {
    }

    record ChangesResponse(String code, String message, java.util.List<SystemChanges.Change> changes) {
    }

    /**
     * Asks for a system to be registered or changed: checked now, applied once a DOST leader
     * approves it in Tasklist (202 with the request). A proposal equal to the registration is 200.
     */
    @org.springframework.web.bind.annotation.PutMapping("/{code}/system")
    @PreAuthorize("hasRole('dost-operator')")
    org.springframework.http.ResponseEntity<?> registerSystem(@PathVariable String code,
                                                              @jakarta.validation.Valid @RequestBody SystemRequest request,
                                                              org.springframework.security.core.Authentication caller) {
        AgencySystem proposed = new AgencySystem(code, request.baseUrl(),
                request.pushEnabled() == null || request.pushEnabled(), request.signingKeyJwk(),
                Boolean.TRUE.equals(request.signatureRequired()),
                request.statusLevel2() == null || request.statusLevel2(),
                request.pollIntervalSeconds() == null ? 60 : request.pollIntervalSeconds());
        return changes.request(proposed, staffName(caller))
                .<org.springframework.http.ResponseEntity<?>>map(change -> org.springframework.http.ResponseEntity
                        .status(org.springframework.http.HttpStatus.ACCEPTED)
                        .header("Location", "/api/v1/agencies/" + code + "/system/changes/" + change.id())
                        .body(new ChangeResponse(ApiResponses.SUCCESS, "Change " + change.id() + " of the system of " + code
                                + " awaits the approval of a DOST leader in Tasklist", change)))
                .orElseGet(() -> org.springframework.http.ResponseEntity.ok(new SystemResponse(ApiResponses.SUCCESS,
                        "The system of " + code + " is already registered so", systems.find(code).orElseThrow())));
    }

    @GetMapping("/{code}/system/changes")
    @PreAuthorize("hasRole('dost-operator') or hasRole('dost-leader') or hasRole('supervisor')")
    ChangesResponse systemChanges(@PathVariable String code) {
        java.util.List<SystemChanges.Change> found = changes.of(code);
        return new ChangesResponse(ApiResponses.SUCCESS, found.size() + " change requests of " + code, found);
    }

    @GetMapping("/{code}/system/changes/{id}")
    @PreAuthorize("hasRole('dost-operator') or hasRole('dost-leader') or hasRole('supervisor')")
    ChangeResponse systemChange(@PathVariable String code, @PathVariable java.util.UUID id) {
        SystemChanges.Change change = changes.find(id).filter(c -> c.agencyCode().equals(code)).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "No change request " + id + " for " + code));
        return new ChangeResponse(ApiResponses.SUCCESS, "Change request " + id + ": " + change.status(), change);
    }

    record AgencyResponse(String code, String message, Agency agency) {
    }

    record ClosureRequest(@NotNull LocalDate effective, @NotNull Agency.ClosureReason reason, List<String> successors) {
    }

    @GetMapping("/{code}")
    AgencyResponse get(@PathVariable String code) {
        Agency agency = registry.find(code).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "Agency " + code + " is not registered with the LGSP"));
        return new AgencyResponse(ApiResponses.SUCCESS, "Agency found", agency);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('dost-operator')")
    AgencyResponse register(@RequestBody AgencyRegistry.NewAgency request, Authentication caller) {
        Agency agency = registry.register(request, caller.getName());
        return new AgencyResponse(ApiResponses.SUCCESS, "Agency " + agency.code() + " registered", agency);
    }

    @PostMapping("/{code}/closure")
    @PreAuthorize("hasRole('dost-operator')")
    AgencyResponse close(@PathVariable String code, @jakarta.validation.Valid @RequestBody ClosureRequest request,
                         Authentication caller) {
        Agency agency = registry.close(code, request.effective(), request.reason(),
                request.successors() == null ? List.of() : request.successors(), caller.getName());
        return new AgencyResponse(ApiResponses.SUCCESS, "Agency " + code + " closed", agency);
    }

    private static String staffName(org.springframework.security.core.Authentication caller) {
        return AgencyCaller.of(caller).name();
    }
}
