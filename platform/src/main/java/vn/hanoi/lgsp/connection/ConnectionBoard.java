package vn.hanoi.lgsp.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyQueries;
import vn.hanoi.lgsp.monitoring.StatusHistory;

/**
 * The status board of the connected systems: each system's level-1 state
 * and level-2 summary from its last checks, its clock's skew from the last check (Đ7.4),
 * uptime over 24 hours, 7 and 30 days, the last 24 hours hour by hour, open incidents and
 * maintenance windows not yet over.
 */
@Component
public class ConnectionBoard {

    /** @param clockSkewMs the system's clock minus the LGSP's at the last check; null when it gave no time */
    public record SystemRow(String agencyCode, String agencyName, String state, Instant lastCheckAt, Long lastLatencyMs,
                            String lastError, int consecutiveFailures,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Long clockSkewMs, StatusHistory.Uptime uptime,
                            List<Incidents.Incident> openIncidents, List<Maintenance.Window> maintenance,
                            List<String> lastDay) {
    }

    private final JdbcTemplate jdbc;
    private final StatusHistory history;
    private final AgencyQueries agencies;

    ConnectionBoard(JdbcTemplate jdbc, StatusHistory history, AgencyQueries agencies) {
        this.agencies = agencies;
        this.jdbc = jdbc;
        this.history = history;
    }

    /** Every monitored system, or {@code agencyCode}'s only when it is given. */
    public List<SystemRow> systems(String agencyCode, Instant now) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (agencyCode != null) {
            where = " where s.agency_code = ?";
            args.add(agencyCode);
        }
        Map<String, StatusHistory.Uptime> uptime = history.uptime(agencyCode, now);
        Map<String, List<String>> lastDay = history.lastDay(agencyCode, now);
        Map<String, List<Incidents.Incident>> incidents = new java.util.HashMap<>();
        jdbc.query("select * from lgsp.incident where status <> 'RESOLVED'" + (agencyCode == null ? "" : " and agency_code = ?")
                + " order by opened_at", rs -> {
            incidents.computeIfAbsent(rs.getString("agency_code"), k -> new ArrayList<>()).add(Incidents.row(rs));
        }, args.toArray());
        Map<String, List<Maintenance.Window>> windows = new java.util.HashMap<>();
        List<Object> windowArgs = new ArrayList<>(List.of(java.sql.Timestamp.from(now)));
        windowArgs.addAll(args);
        jdbc.query("select * from lgsp.maintenance_window where ends_at > ?" + (agencyCode == null ? "" : " and agency_code = ?")
                + " order by starts_at", rs -> {
            windows.computeIfAbsent(rs.getString("agency_code"), k -> new ArrayList<>()).add(new Maintenance.Window(
                    rs.getObject("id", UUID.class), rs.getString("agency_code"), rs.getTimestamp("starts_at").toInstant(),
                    rs.getTimestamp("ends_at").toInstant(), rs.getString("reason"), rs.getString("announced_by"),
                    rs.getTimestamp("announced_at").toInstant()));
        }, windowArgs.toArray());
        List<SystemRow> rows = jdbc.query("select s.* from lgsp.connection_state s" + where + " order by s.agency_code",
                (rs, n) -> {
            String code = rs.getString("agency_code");
            java.sql.Timestamp last = rs.getTimestamp("last_check_at");
            long latency = rs.getLong("last_latency_ms");
            Long lastLatency = rs.wasNull() ? null : latency;
            long skew = rs.getLong("last_clock_skew_ms");
            Long clockSkew = rs.wasNull() ? null : skew;
            return new SystemRow(code, null, rs.getString("state"), last == null ? null : last.toInstant(),
                    lastLatency, rs.getString("last_error"), rs.getInt("consecutive_failures"), clockSkew,
                    uptime.getOrDefault(code, new StatusHistory.Uptime(null, null, null)),
                    incidents.getOrDefault(code, List.of()), windows.getOrDefault(code, List.of()),
                    lastDay.getOrDefault(code, java.util.Collections.nCopies(24, "UNKNOWN")));
        }, args.toArray());
        // a system is shown with its agency's name, and only while the registry knows the agency
        Map<String, String> names = agencies.names(rows.stream().map(SystemRow::agencyCode).toList());
        return rows.stream().filter(r -> names.containsKey(r.agencyCode()))
                .map(r -> new SystemRow(r.agencyCode(), names.get(r.agencyCode()), r.state(), r.lastCheckAt(),
                        r.lastLatencyMs(), r.lastError(), r.consecutiveFailures(), r.clockSkewMs(), r.uptime(),
                        r.openIncidents(), r.maintenance(), r.lastDay())).toList();
    }
}
