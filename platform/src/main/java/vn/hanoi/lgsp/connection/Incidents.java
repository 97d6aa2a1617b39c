package vn.hanoi.lgsp.connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents of connected systems, with the log of who did what when. At most one
 * is open per system: repeated failed checks add to its log, they do not open another. A
 * clock off ({@link #CLOCK_SKEW}) is the exception: it is open beside that one, once per
 * system, as the system may answer well with a wrong clock or be down with a right one.
 */
@Service
public class Incidents {

    /** The system's clock is further from the LGSP's than the threshold (Đ7.4). */
    public static final String CLOCK_SKEW = "CLOCK_SKEW";

    private final JdbcTemplate jdbc;
    private final vn.hanoi.lgsp.agency.AgencyRegistry agencies;

    Incidents(JdbcTemplate jdbc, vn.hanoi.lgsp.agency.AgencyRegistry agencies) {
        this.jdbc = jdbc;
        this.agencies = agencies;
    }

    /**
     * @param severity   as graded last (LOW, MEDIUM, HIGH, CRITICAL); graded again while it lasts
     * @param isolatedAt when whoever fixed it recorded the fault isolated; null while not
     * @param backedUpAt when they recorded important data backed up before fixing
     * @param reportedAt when the report of an incident touching several agencies was sent
     */
    public record Incident(UUID id, String agencyCode, String kind, String status, String detail, Instant openedAt,
                           Instant resolvedAt, String severity, Instant isolatedAt, Instant backedUpAt, String cause,
                           Instant reportedAt) {
    }

    /** The report of an incident that touched several agencies, and whom it reached. */
    public record Report(String text, Instant at, String by, List<String> sentTo) {
    }

    public record LogEntry(Instant at, String actor, String action) {
    }

    /** The open incident of a system, and whether this call opened it. */
    public record Opened(Incident incident, boolean created) {
    }

    /**
     * Opens an incident unless one is open for the system; returns the open one either way.
     * Only the caller that created it may start its escalation: racing callers get
     * {@code created == false}.
     */
    @Transactional
    public Opened open(String agencyCode, String kind, String detail, String actor) {
        agencies.find(agencyCode).orElseThrow(() -> new vn.hanoi.lgsp.contract.ApiException(
                vn.hanoi.lgsp.contract.ErrorCode.UNKNOWN_AGENCY, "Agency " + agencyCode + " is not registered with the LGSP"));
        Optional<Incident> open = openFor(agencyCode, kind);
        if (open.isPresent()) {
            return new Opened(open.get(), false);
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update("""
                insert into lgsp.incident (id, agency_code, kind, status, detail) values (?, ?, ?, 'OPEN', ?)
                on conflict do nothing""", id, agencyCode, kind, detail);
        if (inserted == 0) {
            return new Opened(openFor(agencyCode, kind).orElseThrow(), false);
        }
        log(id, actor, "opened: " + detail);
        return new Opened(find(id).orElseThrow(), true);
    }

    /** Resolves the system's open incident about its answering, if any; not a {@link #CLOCK_SKEW} one. */
    @Transactional
    public Optional<Incident> resolve(String agencyCode, String actor, String detail) {
        return resolve(agencyCode, null, actor, detail);
    }

    /** Resolves the system's open incident of {@code kind}'s sort: {@link #CLOCK_SKEW}, or any other. */
    @Transactional
    public Optional<Incident> resolve(String agencyCode, String kind, String actor, String detail) {
        Optional<Incident> open = openFor(agencyCode, kind);
        open.ifPresent(incident -> {
            jdbc.update("update lgsp.incident set status = 'RESOLVED', resolved_at = now() where id = ?", incident.id());
            log(incident.id(), actor, "resolved: " + detail);
        });
        return open.flatMap(incident -> find(incident.id()));
    }

    public void log(UUID incidentId, String actor, String action) {
        jdbc.update("insert into lgsp.incident_log (incident_id, actor, action) values (?, ?, ?)", incidentId, actor,
                action.length() > 1000 ? action.substring(0, 1000) : action);
    }

    /** The system's open incident about its answering (down, slow, failed exchanges, staff reports). */
    public Optional<Incident> openFor(String agencyCode) {
        return openFor(agencyCode, null);
    }

    /**
     * The system's open incident of {@code kind}'s sort: the {@link #CLOCK_SKEW} one, or for any
     * other kind (or null) the one about its answering, whatever its kind.
     */
    public Optional<Incident> openFor(String agencyCode, String kind) {
        String sort = CLOCK_SKEW.equals(kind) ? "kind = ?" : "kind <> ?";
        return jdbc.query("select * from lgsp.incident where agency_code = ? and status = 'OPEN' and " + sort, this::map,
                agencyCode, CLOCK_SKEW).stream().findFirst();
    }

    public Optional<Incident> find(UUID id) {
        return jdbc.query("select * from lgsp.incident where id = ?", this::map, id).stream().findFirst();
    }

    public List<Incident> forAgency(String agencyCode) {
        return jdbc.query("select * from lgsp.incident where agency_code = ? order by opened_at desc", this::map, agencyCode);
    }

    public List<Incident> open() {
        return jdbc.query("select * from lgsp.incident where status = 'OPEN' order by opened_at", this::map);
    }

    /** The severity the incident-severity table gave, now; true when it changed. */
    public boolean graded(UUID id, String severity) {
        return jdbc.update("update lgsp.incident set severity = ?, graded_at = now() where id = ?"
                + " and severity is distinct from ?", severity, id, severity) == 1;
    }

    /** What whoever fixed it recorded: isolation and backup (once, with who), and the cause. */
    public void handled(UUID id, boolean isolated, boolean backedUp, String cause, String actor) {
        jdbc.update("""
                update lgsp.incident set
                    isolated_at = case when ? and isolated_at is null then now() else isolated_at end,
                    isolated_by = case when ? and isolated_by is null then ? else isolated_by end,
                    backed_up_at = case when ? and backed_up_at is null then now() else backed_up_at end,
                    backed_up_by = case when ? and backed_up_by is null then ? else backed_up_by end,
                    cause = coalesce(?, cause)
                where id = ?""", isolated, isolated, actor, backedUp, backedUp, actor,
                cause == null || cause.isBlank() ? null : truncated(cause.strip(), 2000), id);
    }

    public void reported(UUID id, String report, String actor, List<String> sentTo) {
        jdbc.update("update lgsp.incident set report = ?, reported_at = now(), reported_by = ?, report_sent_to = ?"
                + " where id = ?", report, actor, String.join(", ", sentTo), id);
    }

    public Optional<Report> reportOf(UUID id) {
        return jdbc.query("select report, reported_at, reported_by, report_sent_to from lgsp.incident where id = ?"
                + " and reported_at is not null", (rs, n) -> new Report(rs.getString("report"),
                rs.getTimestamp("reported_at").toInstant(), rs.getString("reported_by"),
                rs.getString("report_sent_to") == null || rs.getString("report_sent_to").isEmpty() ? List.of()
                        : List.of(rs.getString("report_sent_to").split(", "))), id).stream().findFirst();
    }

    /** Incidents newest first, narrowed to one agency, a status, a time when opened. */
    public List<Incident> search(String agencyCode, String status, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("select * from lgsp.incident where true");
        List<Object> args = new java.util.ArrayList<>();
        if (agencyCode != null) {
            sql.append(" and agency_code = ?");
            args.add(agencyCode);
        }
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status);
        }
        if (from != null) {
            sql.append(" and opened_at >= ?");
            args.add(java.sql.Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and opened_at < ?");
            args.add(java.sql.Timestamp.from(to));
        }
        sql.append(" order by opened_at desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> row(rs), args.toArray());
    }

    public List<LogEntry> logOf(UUID incidentId) {
        return jdbc.query("select at, actor, action from lgsp.incident_log where incident_id = ? order by id",
                (rs, n) -> new LogEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action")),
                incidentId);
    }

    private Incident map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return row(rs);
    }

    /** An incident row as read by any query of this module. */
    static Incident row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Incident(rs.getObject("id", UUID.class), rs.getString("agency_code"), rs.getString("kind"),
                rs.getString("status"), rs.getString("detail"), rs.getTimestamp("opened_at").toInstant(),
                instant(rs, "resolved_at"), rs.getString("severity"), instant(rs, "isolated_at"),
                instant(rs, "backed_up_at"), rs.getString("cause"), instant(rs, "reported_at"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static String truncated(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }
}
