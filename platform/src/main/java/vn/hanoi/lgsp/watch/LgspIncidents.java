package vn.hanoi.lgsp.watch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.watch.LgspIncidentProcess.Variables;

/**
 * Incidents of the LGSP itself, security or health: one open per rule and subject, further
 * findings counted on it; each opened one starts {@code lgsp-incident}, DOST's task.
 */
@Service
public class LgspIncidents {

    public enum Category { SECURITY, HEALTH }

    public record LgspIncident(UUID id, Category category, String rule, String subject, String detail, String severity,
                               String status, int occurrences, Instant openedAt, Instant lastSeenAt, Instant resolvedAt,
                               String resolvedBy, String resolution) {
    }

    /** The incident now open for the rule and subject, and whether this call opened it. */
    record Opened(LgspIncident incident, boolean created) {
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;

    LgspIncidents(JdbcTemplate jdbc, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.runtime = runtime;
    }

    /** Opens one unless one is open for the rule and subject, which then counts this finding too. */
    @Transactional
    Opened open(Category category, String rule, String subject, String detail) {
        String text = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update("""
                insert into lgsp.lgsp_incident (id, category, rule, subject, detail, status) values (?, ?, ?, ?, ?, 'OPEN')
                on conflict do nothing""", id, category.name(), rule, subject, text);
        if (inserted == 0) {
            jdbc.update("update lgsp.lgsp_incident set occurrences = occurrences + 1, last_seen_at = now()"
                    + " where rule = ? and subject = ? and status = 'OPEN'", rule, subject);
            return new Opened(openFor(rule, subject).orElseThrow(), false);
        }
        LgspIncident incident = find(id).orElseThrow();
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.INCIDENT_ID, id.toString());
        variables.put(Variables.CATEGORY, category.name());
        variables.put(Variables.RULE, rule);
        variables.put(Variables.SUBJECT, subject);
        variables.put(Variables.DETAIL, text);
        variables.put(Variables.OCCURRENCES, 1);
        variables.put(Variables.HANDLE_DUE, Date.from(incident.openedAt().plus(
                Duration.ofHours(LgspIncidentProcess.HANDLE_WITHIN_HOURS))));
        String instance = runtime.startProcessInstanceByKey(LgspIncidentProcess.PROCESS_KEY, id.toString(), variables)
                .getId();
        jdbc.update("update lgsp.lgsp_incident set process_instance_id = ? where id = ?", instance, id);
        return new Opened(incident, true);
    }

    /** A failing component answers again: its incident is resolved and its process told. */
    @Transactional
    Optional<LgspIncident> recovered(String rule, String subject, String detail) {
        Optional<LgspIncident> open = openFor(rule, subject);
        open.ifPresent(incident -> {
            resolve(incident.id(), "lgsp", detail);
            boolean waiting = runtime.createExecutionQuery().processInstanceBusinessKey(incident.id().toString())
                    .messageEventSubscriptionName(LgspIncidentProcess.RECOVERED).count() > 0;
            if (waiting) {
                runtime.createMessageCorrelation(LgspIncidentProcess.RECOVERED).processInstanceBusinessKey(
                        incident.id().toString()).correlateAll();
            }
        });
        return open.flatMap(incident -> find(incident.id()));
    }

    void resolve(UUID id, String by, String resolution) {
        jdbc.update("update lgsp.lgsp_incident set status = 'RESOLVED', resolved_at = now(), resolved_by = ?,"
                + " resolution = ? where id = ? and status = 'OPEN'", by, resolution, id);
    }

    void graded(UUID id, String severity) {
        jdbc.update("update lgsp.lgsp_incident set severity = ? where id = ?", severity, id);
    }

    public Optional<LgspIncident> openFor(String rule, String subject) {
        return jdbc.query("select * from lgsp.lgsp_incident where rule = ? and subject = ? and status = 'OPEN'",
                LgspIncidents::row, rule, subject).stream().findFirst();
    }

    public Optional<LgspIncident> find(UUID id) {
        return jdbc.query("select * from lgsp.lgsp_incident where id = ?", LgspIncidents::row, id).stream().findFirst();
    }

    /** Newest first, narrowed to a category and to those opened in [from, to) when given. */
    public List<LgspIncident> search(Category category, String status, Instant from, Instant to, int limit) {
        return jdbc.query("""
                        select * from lgsp.lgsp_incident
                        where (cast(? as varchar) is null or category = ?) and (cast(? as varchar) is null or status = ?)
                          and opened_at >= ? and opened_at < ?
                        order by opened_at desc limit ?""", LgspIncidents::row,
                category == null ? null : category.name(), category == null ? null : category.name(), status, status,
                Timestamp.from(from == null ? Instant.EPOCH : from),
                Timestamp.from(to == null ? Instant.now().plus(Duration.ofDays(1)) : to), limit);
    }

    /** Security findings of [from, to) by rule: incidents opened, and the signals they counted. */
    Map<String, long[]> securityCounts(Instant from, Instant to) {
        Map<String, long[]> counts = new java.util.TreeMap<>();
        jdbc.query("""
                select rule, count(*) incidents, sum(occurrences) occurrences from lgsp.lgsp_incident
                where category = 'SECURITY' and opened_at >= ? and opened_at < ? group by rule""", rs -> {
            counts.put(rs.getString("rule"), new long[] {rs.getLong("incidents"), rs.getLong("occurrences")});
        }, Timestamp.from(from), Timestamp.from(to));
        return counts;
    }

    private static LgspIncident row(ResultSet rs, int n) throws SQLException {
        return new LgspIncident(rs.getObject("id", UUID.class), Category.valueOf(rs.getString("category")),
                rs.getString("rule"), rs.getString("subject"), rs.getString("detail"), rs.getString("severity"),
                rs.getString("status"), rs.getInt("occurrences"), instant(rs, "opened_at"), instant(rs, "last_seen_at"),
                instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getString("resolution"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
