package vn.hanoi.lgsp.onboarding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * An agency's duties towards the LGSP's connections (Đ16.3, Đ16.5, R-27, R-26): a need to connect
 * is registered within 7 working days of being identified, a need to cancel the whole connection
 * within 5 working days of arising. A need is recorded with the day it was identified; the
 * agency's next registration (Form 01/02) fulfils a need to connect, its cancellation request a
 * need to cancel — on time or late, as the deadline says. Reminders go out until then.
 */
@Service
public class ConnectionNeeds {

    public enum Kind { CONNECT, CANCEL }

    /** Working days to register a need to connect (Đ16.3). */
    public static final int CONNECT_WORKING_DAYS = 7;
    /** Working days to ask for a registration change or cancellation (Đ16.5). */
    public static final int CANCEL_WORKING_DAYS = 5;
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public record Need(UUID id, String agency, Kind kind, String description, LocalDate identifiedOn, LocalDate dueOn,
                       String recordedBy, Instant recordedAt, Instant fulfilledAt, String fulfilledBy, Boolean onTime) {
    }

    /** @param outcome CANCELLED, or KEPT when DOST kept the connection (its reason in {@code decisionComment}); null while open */
    public record Cancellation(UUID id, String agency, String reason, String requestedBy, Instant requestedAt,
                               String processInstanceId, Instant completedAt, String outcome, String decidedBy,
                               String decisionComment, Integer revokedGrants, Integer disabledClients) {
    }

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final AgencyRegistry agencies;
    private final RuntimeService runtime;

    ConnectionNeeds(JdbcTemplate jdbc, WorkingDayCalendar calendar, AgencyRegistry agencies, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.agencies = agencies;
        this.runtime = runtime;
    }

    @Transactional
    public Need record(String agency, Kind kind, LocalDate identifiedOn, String description, String recordedBy) {
        agencies.requireActive(agency);
        LocalDate today = LocalDate.now(VIETNAM);
        if (identifiedOn == null || identifiedOn.isAfter(today) || identifiedOn.isBefore(today.minusYears(1))) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "identifiedOn is required: the day the need was identified,"
                    + " not in the future nor more than a year ago");
        }
        if (description == null || description.isBlank() || description.length() > 1000) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "description is required: what the agency needs, at most 1000 characters");
        }
        LocalDate due = calendar.addWorkingDays(identifiedOn, kind == Kind.CONNECT ? CONNECT_WORKING_DAYS : CANCEL_WORKING_DAYS);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into lgsp.connection_need (id, agency_code, kind, description, identified_on, due_on, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?)""", id, agency, kind.name(), description.trim(), identifiedOn, due, recordedBy);
        return find(id).orElseThrow();
    }

    public List<Need> of(String agency) {
        return jdbc.query("select * from lgsp.connection_need where agency_code = ? order by identified_on desc, recorded_at desc",
                this::map, agency);
    }

    /** Open needs whose deadline is today or past: the reminders' work list. */
    List<Need> dueBy(LocalDate day) {
        return jdbc.query("select * from lgsp.connection_need where fulfilled_at is null and due_on <= ?"
                + " and (reminded_on is null or reminded_on < ?) order by due_on", this::map, day, day);
    }

    void reminded(UUID id, LocalDate day) {
        jdbc.update("update lgsp.connection_need set reminded_on = ? where id = ?", day, id);
    }

    /** The oldest open need of this kind is met by what the agency just filed. */
    void fulfil(String agency, Kind kind, String by) {
        jdbc.update("""
                update lgsp.connection_need set fulfilled_at = now(), fulfilled_by = ?
                where id = (select id from lgsp.connection_need where agency_code = ? and kind = ? and fulfilled_at is null
                            order by identified_on, recorded_at limit 1)""", by, agency, kind.name());
    }

    /** Starts the cancellation of the agency's whole connection; one at a time per agency. */
    @Transactional
    public Cancellation cancel(String agency, String reason, String requestedBy) {
        agencies.requireActive(agency);
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "reason is required: why the connection ends, at most 1000 characters");
        }
        if (jdbc.queryForObject("select count(*) from lgsp.connection_cancellation where agency_code = ? and completed_at is null",
                Integer.class, agency) > 0) {
            throw new ApiException(ErrorCode.DUPLICATE, "A cancellation of " + agency + "'s connection is already in progress");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("insert into lgsp.connection_cancellation (id, agency_code, reason, requested_by) values (?, ?, ?, ?)",
                id, agency, reason.trim(), requestedBy);
        Map<String, Object> variables = new HashMap<>();
        variables.put(CancellationSteps.AGENCY, agency);
        variables.put(CancellationSteps.REASON, reason.trim());
        variables.put(CancellationSteps.REQUESTED_BY, requestedBy);
        variables.put(CancellationSteps.CONFIRM_DUE, java.util.Date.from(calendar.deadline(Instant.now(), CANCEL_WORKING_DAYS)));
        String instance = runtime.startProcessInstanceByKey(CancellationSteps.PROCESS_KEY, id.toString(), variables).getId();
        jdbc.update("update lgsp.connection_cancellation set process_instance_id = ? where id = ?", instance, id);
        fulfil(agency, Kind.CANCEL, "cancellation:" + id);
        return cancellation(id).orElseThrow();
    }

    public List<Cancellation> cancellations(String agency) {
        return jdbc.query("select * from lgsp.connection_cancellation where agency_code = ? order by requested_at desc",
                (rs, n) -> new Cancellation(rs.getObject("id", UUID.class), rs.getString("agency_code"), rs.getString("reason"),
                        rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                        rs.getString("process_instance_id"), instant(rs.getTimestamp("completed_at")), rs.getString("outcome"),
                        rs.getString("decided_by"), rs.getString("decision_comment"),
                        (Integer) rs.getObject("revoked_grants"), (Integer) rs.getObject("disabled_clients")), agency);
    }

    Optional<Cancellation> cancellation(UUID id) {
        String agency = jdbc.query("select agency_code from lgsp.connection_cancellation where id = ?",
                (rs, n) -> rs.getString(1), id).stream().findFirst().orElse(null);
        return agency == null ? Optional.empty() : cancellations(agency).stream().filter(c -> c.id().equals(id)).findFirst();
    }

    void completed(UUID id, String outcome, String decidedBy, String comment, int revokedGrants, int disabledClients) {
        jdbc.update("""
                update lgsp.connection_cancellation set completed_at = now(), outcome = ?, decided_by = ?, decision_comment = ?,
                    revoked_grants = ?, disabled_clients = ? where id = ? and completed_at is null""",
                outcome, decidedBy, comment, revokedGrants, disabledClients, id);
    }

    private Optional<Need> find(UUID id) {
        return jdbc.query("select * from lgsp.connection_need where id = ?", this::map, id).stream().findFirst();
    }

    private Need map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        Instant fulfilled = instant(rs.getTimestamp("fulfilled_at"));
        Boolean onTime = fulfilled == null ? null : !fulfilled.atZone(VIETNAM).toLocalDate().isAfter(due);
        return new Need(rs.getObject("id", UUID.class), rs.getString("agency_code"), Kind.valueOf(rs.getString("kind")),
                rs.getString("description"), rs.getObject("identified_on", LocalDate.class), due, rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(), fulfilled, rs.getString("fulfilled_by"), onTime);
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
