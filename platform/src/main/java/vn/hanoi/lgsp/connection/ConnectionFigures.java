package vn.hanoi.lgsp.connection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What reports and the portal read of connection monitoring — a system's last check, the
 * incidents of a period — so that none of them names this module's tables in SQL of its own.
 */
@Component
public class ConnectionFigures {

    private final JdbcTemplate jdbc;

    ConnectionFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The outcome of a system's last check. */
    public record LastCheck(String state, Instant at, Long latencyMs, String error) {
    }

    /** Incidents opened in a period: how many, how many resolved, and how long resolving took, in hours. */
    public record IncidentFigures(long opened, long resolved, Double meanHours, Double maxHours) {
    }

    public Optional<LastCheck> lastCheck(String agency) {
        return jdbc.query("""
                select state, last_check_at, last_latency_ms, last_error from lgsp.connection_state
                where agency_code = ?""", (rs, n) -> new LastCheck(rs.getString(1), instant(rs.getTimestamp(2)),
                rs.getObject(3) == null ? null : rs.getLong(3), rs.getString(4)), agency).stream().findFirst();
    }

    /** Incidents opened in [from, to), of one agency or ({@code agency} null) of all. */
    public IncidentFigures incidents(Instant from, Instant to, String agency) {
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (agency != null) {
            args.add(agency);
        }
        Map<String, Object> row = jdbc.queryForMap("""
                select count(*) as opened, count(resolved_at) as resolved,
                       avg(extract(epoch from resolved_at - opened_at) / 3600.0) as mean_hours,
                       max(extract(epoch from resolved_at - opened_at) / 3600.0) as max_hours
                  from lgsp.incident where opened_at >= ? and opened_at < ?""" + (agency == null ? "" : " and agency_code = ?"),
                args.toArray());
        return new IncidentFigures(number(row.get("opened")), number(row.get("resolved")), decimal(row.get("mean_hours")),
                decimal(row.get("max_hours")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
