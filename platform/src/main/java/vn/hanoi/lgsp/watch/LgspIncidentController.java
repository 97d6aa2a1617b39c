package vn.hanoi.lgsp.watch;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The LGSP's own incidents and the month's security report, for supervisors and DOST only: they
 * name addresses, clients and agencies across the city, so an agency's staff sees none of them.
 */
@RestController
@RequestMapping("/api/v1/monitoring")
class LgspIncidentController {

    private final LgspIncidents incidents;
    private final SecurityReport report;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final LgspMaintenance maintenance;

    LgspIncidentController(LgspIncidents incidents, SecurityReport report, org.camunda.bpm.engine.RuntimeService runtime,
                           LgspMaintenance maintenance) {
        this.incidents = incidents;
        this.report = report;
        this.runtime = runtime;
        this.maintenance = maintenance;
    }

    record Announcement(Instant startsAt, Instant endsAt, String reason) {
    }

    record Announced(String code, String message, LgspMaintenance.Window window) {
    }

    /** DOST announces the LGSP's own maintenance: every agency with a connected system is told. */
    @org.springframework.web.bind.annotation.PostMapping(path = "/lgsp-maintenance", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    Announced announce(@org.springframework.web.bind.annotation.RequestBody Announcement announcement,
                       Authentication caller) {
        vn.hanoi.lgsp.contract.AgencyCaller who = vn.hanoi.lgsp.contract.AgencyCaller.of(caller);
        if (!who.hasRole("dost-operator")) {
            throw new ApiException(ErrorCode.FORBIDDEN, "DOST's operators announce the LGSP's maintenance");
        }
        if (announcement == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "startsAt, endsAt and reason are required");
        }
        LgspMaintenance.Window window = maintenance.announce(announcement.startsAt(), announcement.endsAt(),
                announcement.reason(), who.name());
        return new Announced(ApiResponses.SUCCESS, "LGSP maintenance announced to " + window.told() + " addresses", window);
    }

    record IncidentList(String code, String message, List<LgspIncidents.LgspIncident> incidents) {
    }

    @GetMapping(path = "/lgsp-incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    IncidentList list(@RequestParam(required = false) String category, @RequestParam(required = false) String status,
                      Authentication caller) {
        cityWide(caller);
        LgspIncidents.Category kind;
        try {
            kind = category == null || category.isBlank() ? null : LgspIncidents.Category.valueOf(category);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "category must be SECURITY or HEALTH");
        }
        if (status != null && !status.equals("OPEN") && !status.equals("RESOLVED")) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "status must be OPEN or RESOLVED");
        }
        List<LgspIncidents.LgspIncident> found = incidents.search(kind, status, null, null, 200);
        return new IncidentList(ApiResponses.SUCCESS, found.size() + " incidents of the LGSP", found);
    }

    /** The month's security report as PDF ({@code 2026-11}). */
    @GetMapping("/security-reports/{month}")
    ResponseEntity<byte[]> securityReport(@PathVariable String month, Authentication caller) {
        cityWide(caller);
        YearMonth period = month(month);
        byte[] pdf = report.pdf(report.reported(period), Instant.now());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("bao-cao-an-toan-thong-tin-" + period + ".pdf").build().toString())
                .body(pdf);
    }

    /** Drafts a month's report now, for a DOST leader to approve (the 1st of each month does it by itself). */
    @org.springframework.web.bind.annotation.PostMapping(path = "/security-reports/{month}/drafts",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.ACCEPTED)
    Drafted draft(@PathVariable String month, Authentication caller) {
        if (!vn.hanoi.lgsp.contract.AgencyCaller.of(caller).hasRole("dost-operator")) {
            throw new ApiException(ErrorCode.FORBIDDEN, "DOST's operators draft the security report");
        }
        YearMonth period = month(month);
        String instance = runtime.createMessageCorrelation(SecurityReportProcess.MESSAGE_REQUESTED)
                .setVariable(SecurityReportProcess.Variables.MONTH, period.toString()).correlateStartMessage().getId();
        return new Drafted(ApiResponses.SUCCESS, "The security report of " + period + " is being drafted", instance);
    }

    record Drafted(String code, String message, String processInstanceId) {
    }

    private static YearMonth month(String month) {
        YearMonth period;
        try {
            period = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "month must be written yyyy-MM, e.g. 2026-11");
        }
        if (period.isAfter(YearMonth.now(SecurityReport.HANOI))) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "month " + month + " has not begun");
        }
        return period;
    }

    private static void cityWide(Authentication caller) {
        if (!Viewer.of(caller).cityWide()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "The LGSP's own incidents are for supervisors and DOST");
        }
    }
}
