package vn.hanoi.lgsp.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Record exchanges as supervisors count and open them: how many stand in each status,
 * which are past their deadline, and one exchange's timeline. Metadata only, never content.
 * {@code agency}, when given, keeps the exchanges it sent or received.
 */
@Component
public class ExchangeFigures {

    /** Exchanges created in the period, by status; and those open past their deadline now, whenever created. */
    public record StatusCounts(Map<ExchangeStatus, Long> byStatus, long overdue) {
    }

    public record Summary(String exchangeId, ExchangeStatus status, String source, String destination,
                          String procedureCode, String route, Instant createdAt, Instant deadline, Instant updatedAt,
                          String failureReason, String processInstanceId) {
    }

    public record Step(Instant at, ExchangeStatus status, String detail) {
    }

    public record Timeline(Summary exchange, List<Step> steps) {
    }

    private static final String OPEN = "status not in ('COMPLETED', 'FAILED', 'EXPIRED', 'CANCELLED')";

    private final JdbcTemplate jdbc;

    ExchangeFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public StatusCounts counts(String agency, Instant from, Instant to, Instant now) {
        Map<ExchangeStatus, Long> byStatus = new LinkedHashMap<>();
        for (ExchangeStatus status : ExchangeStatus.values()) {
            byStatus.put(status, 0L);
        }
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        String scope = scope(agency, args);
        jdbc.query("select status, count(*) from lgsp.exchange where created_at >= ? and created_at < ?" + scope
                        + " group by status",
                rs -> {
                    byStatus.put(ExchangeStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }, args.toArray());
        List<Object> overdueArgs = new ArrayList<>(List.of(Timestamp.from(now)));
        String overdueScope = scope(agency, overdueArgs);
        Long overdue = jdbc.queryForObject("select count(*) from lgsp.exchange where deadline < ? and " + OPEN
                + overdueScope, Long.class, overdueArgs.toArray());
        return new StatusCounts(byStatus, overdue == null ? 0 : overdue);
    }

    /**
     * The exchanges behind a figure, newest first: of one status created in the period, or
     * (overdue) every open one past its deadline.
     */
    public List<Summary> list(String agency, ExchangeStatus status, boolean overdueOnly, Instant from, Instant to,
                              Instant now, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (overdueOnly) {
            where.append(" and deadline < ? and ").append(OPEN);
            args.add(Timestamp.from(now));
        } else {
            where.append(" and created_at >= ? and created_at < ?");
            args.add(Timestamp.from(from));
            args.add(Timestamp.from(to));
        }
        if (status != null) {
            where.append(" and status = ?");
            args.add(status.name());
        }
        where.append(scope(agency, args));
        args.add(limit);
        return jdbc.query("select * from lgsp.exchange" + where + " order by created_at desc, id limit ?",
                (rs, n) -> summary(rs), args.toArray());
    }

    public Optional<Timeline> timeline(UUID id) {
        Optional<Summary> exchange = jdbc.query("select * from lgsp.exchange where id = ?", (rs, n) -> summary(rs), id)
                .stream().findFirst();
        return exchange.map(e -> new Timeline(e, jdbc.query(
                "select at, status, detail from lgsp.exchange_event where exchange_id = ? order by id",
                (rs, n) -> new Step(rs.getTimestamp("at").toInstant(), ExchangeStatus.valueOf(rs.getString("status")),
                        rs.getString("detail")), id)));
    }

    /** The agencies that sent or received an exchange created in the period. */
    public List<String> partiesBetween(Instant from, Instant to) {
        return jdbc.queryForList("""
                select source_code from lgsp.exchange where created_at >= ? and created_at < ?
                union select destination_code from lgsp.exchange where created_at >= ? and created_at < ?""",
                String.class, Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to));
    }

    /** The agency's latest exchanges, sent or received, newest first. */
    public List<Summary> latest(String agency, int limit) {
        return jdbc.query("""
                select * from lgsp.exchange where source_code = ? or destination_code = ?
                order by created_at desc limit ?""", (rs, n) -> summary(rs), agency, agency, limit);
    }

    private static String scope(String agency, List<Object> args) {
        if (agency == null) {
            return "";
        }
        args.add(agency);
        args.add(agency);
        return " and (source_code = ? or destination_code = ?)";
    }

    private static Summary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Summary(rs.getString("id"), ExchangeStatus.valueOf(rs.getString("status")), rs.getString("source_code"),
                rs.getString("destination_code"), rs.getString("procedure_code"), rs.getString("route"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("deadline")),
                instant(rs.getTimestamp("updated_at")), rs.getString("failure_reason"),
                rs.getString("process_instance_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
