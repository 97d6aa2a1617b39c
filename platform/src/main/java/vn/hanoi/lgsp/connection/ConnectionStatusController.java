package vn.hanoi.lgsp.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.StatusCheckDocument;
import vn.hanoi.lgsp.monitoring.StatusHistory;

/** Connection status of the connected systems for supervisors, and maintenance announcements. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ConnectionStatusController {

    private final JdbcTemplate jdbc;
    private final StatusHistory history;
    private final Incidents incidents;
    private final Maintenance maintenance;
    private final IncidentEscalation escalation;

    ConnectionStatusController(JdbcTemplate jdbc, StatusHistory history, Incidents incidents, Maintenance maintenance,
                               IncidentEscalation escalation) {
        this.jdbc = jdbc;
        this.history = history;
        this.incidents = incidents;
        this.maintenance = maintenance;
        this.escalation = escalation;
    }

    record Report(String agencyCode, String detail) {
    }

    record Raised(String code, String message, Incidents.Incident incident) {
    }

    /** Staff raise an incident the polling cannot see. */
    @PostMapping(path = "/incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('supervisor', 'dost-operator')")
    @ResponseStatus(HttpStatus.CREATED)
    @org.springframework.transaction.annotation.Transactional
    Raised raise(@RequestBody Report report, Authentication caller) {
        if (report == null || report.agencyCode() == null || report.detail() == null || report.detail().isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "An incident needs agencyCode and detail");
        }
        Incidents.Opened opened = incidents.open(report.agencyCode(), "STAFF", report.detail(), caller.getName());
        if (opened.created()) {
            escalation.start(opened.incident());
        } else {
            incidents.log(opened.incident().id(), caller.getName(), "reported again: " + report.detail());
        }
        return new Raised(ApiResponses.SUCCESS, opened.created() ? "Incident opened"
                : "An incident is already open; the report was added to its log", opened.incident());
    }

    /** @param clockSkewMs the system's clock minus the LGSP's at the last check (Đ7.4); null when it gave no time */
    record SystemState(String agencyCode, String state, int consecutiveFailures, Instant lastCheckAt, Long lastLatencyMs,
                       String lastError, @JsonInclude(JsonInclude.Include.ALWAYS) Long clockSkewMs) {
    }

    record Overview(String code, String message, List<SystemState> systems, List<Incidents.Incident> openIncidents) {
    }

    record SystemDetail(String code, String message, SystemState current, List<StatusCheckDocument> history,
                        List<Incidents.Incident> incidents, List<Maintenance.Window> maintenance) {
    }

    record Announcement(String agencyCode, Instant startsAt, Instant endsAt, String reason) {
    }

    record Announced(String code, String message, Maintenance.Window window) {
    }

    @GetMapping("/monitoring/connection-status")
    @PreAuthorize("hasAnyRole('supervisor', 'dost-operator')")
    Object status(@RequestParam(required = false) String agency, @RequestParam(defaultValue = "24") int hours) {
        if (agency == null) {
            List<SystemState> states = jdbc.query("select * from lgsp.connection_state order by agency_code", (rs, n) -> state(rs));
            return new Overview(ApiResponses.SUCCESS, states.size() + " systems", states, incidents.open());
        }
        SystemState current = jdbc.query("select * from lgsp.connection_state where agency_code = ?", (rs, n) -> state(rs), agency)
                .stream().findFirst().orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No status of " + agency + " yet"));
        Instant now = Instant.now();
        return new SystemDetail(ApiResponses.SUCCESS, "Status of " + agency, current,
                history.history(agency, now.minus(Duration.ofHours(Math.max(1, Math.min(hours, 24 * 92)))), now, 500),
                incidents.forAgency(agency), maintenance.windows(agency));
    }

    /** A provider announces maintenance of its own system; DOST operators for any system. */
    @PostMapping(path = "/maintenance", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Announced announce(@RequestBody Announcement announcement, Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        boolean operator = who.hasRole("dost-operator");
        String own = who.agencyCode();
        if (announcement == null || announcement.agencyCode() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "agencyCode is required");
        }
        if (!operator && !announcement.agencyCode().equals(own)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "An agency announces maintenance of its own system only");
        }
        Maintenance.Window window = maintenance.announce(announcement.agencyCode(), announcement.startsAt(),
                announcement.endsAt(), announcement.reason(), caller.getName());
        return new Announced(ApiResponses.SUCCESS, "Maintenance of " + window.agencyCode() + " announced", window);
    }

    private static SystemState state(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp last = rs.getTimestamp("last_check_at");
        long latency = rs.getLong("last_latency_ms");
        Long lastLatency = rs.wasNull() ? null : latency;
        long skew = rs.getLong("last_clock_skew_ms");
        Long clockSkew = rs.wasNull() ? null : skew;
        return new SystemState(rs.getString("agency_code"), rs.getString("state"), rs.getInt("consecutive_failures"),
                last == null ? null : last.toInstant(), lastLatency, rs.getString("last_error"), clockSkew);
    }
}
