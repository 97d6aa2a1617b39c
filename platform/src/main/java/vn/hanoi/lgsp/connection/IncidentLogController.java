package vn.hanoi.lgsp.connection;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.Viewer;

/**
 * The incident log (Đ12.5, R-18): every incident with who did what when, its severity, whether it
 * was isolated and important data backed up before fixing, and its report. Supervisors and DOST
 * read every agency's; an agency's staff and system read their own agency's only. Under
 * {@code /api/v1/monitoring} so that Cockpit reads it with the staff member's sign-in.
 */
@RestController
@RequestMapping(path = "/api/v1/monitoring/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentLogController {

    private static final int MAX_LIMIT = 500;
    private static final Set<String> STATUSES = Set.of("OPEN", "RESOLVED");
    private static final String REFUSAL = "The incident log is for supervisors, DOST, and an agency's own staff and system";

    private final Incidents incidents;

    IncidentLogController(Incidents incidents) {
        this.incidents = incidents;
    }

    record IncidentList(String code, String message, List<Incidents.Incident> incidents) {
    }

    record IncidentDetail(String code, String message, Incidents.Incident incident, List<Incidents.LogEntry> log,
                          Incidents.Report report) {
    }

    @GetMapping
    IncidentList search(@RequestParam(required = false) String agencyCode, @RequestParam(required = false) String status,
                        @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                        @RequestParam(defaultValue = "100") int limit, Authentication caller) {
        Viewer viewer = Viewer.staffOrSystem(caller, REFUSAL);
        String agency = viewer.narrow(agencyCode);
        if (status != null && !STATUSES.contains(status)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "status must be OPEN or RESOLVED");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        List<Incidents.Incident> found = incidents.search(agency, status, from, to, limit);
        return new IncidentList(ApiResponses.SUCCESS, found.size() + " incidents", found);
    }

    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[^\\s\\[\\],;]+@[^\\s\\[\\],;]+");

    static String withoutAddresses(String text) {
        return ADDRESS.matcher(text).replaceAll("(địa chỉ thư)");
    }

    /** One incident and its log; another agency's is not found, as if it did not exist. */
    @GetMapping("/{id}")
    IncidentDetail detail(@PathVariable String id, Authentication caller) {
        Viewer viewer = Viewer.staffOrSystem(caller, REFUSAL);
        UUID incidentId;
        try {
            incidentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "id must be an incident's UUID");
        }
        Incidents.Incident incident = incidents.find(incidentId)
                .filter(i -> viewer.cityWide() || viewer.agency().equals(i.agencyCode()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No incident " + id));
        List<Incidents.LogEntry> log = incidents.logOf(incidentId);
        Incidents.Report report = incidents.reportOf(incidentId).orElse(null);
        if (!viewer.cityWide()) {
            // whom DOST mailed (its staff, other agencies) is not an agency's to read
            log = log.stream().map(e -> new Incidents.LogEntry(e.at(), e.actor(), withoutAddresses(e.action()))).toList();
            report = report == null ? null : new Incidents.Report(report.text(), report.at(), report.by(), List.of());
        }
        return new IncidentDetail(ApiResponses.SUCCESS, "Incident of " + incident.agencyCode(), incident, log, report);
    }
}
