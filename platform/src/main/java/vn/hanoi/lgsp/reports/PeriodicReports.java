package vn.hanoi.lgsp.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports of each period: drafted by the process, published when a DOST leader
 * approves, withdrawn when not. Only published reports leave the platform.
 */
@Component
public class PeriodicReports {

    public enum Status { DRAFT, PUBLISHED, WITHDRAWN }

    public record Report(UUID id, String period, String agency, String agencyName, Status status, Instant createdAt,
                         String approvedBy, Instant publishedAt) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PeriodicReports(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    UUID draft(ReportFigures figures, byte[] pdf, byte[] xlsx, String processInstanceId) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.update("""
                    insert into lgsp.periodic_report (id, period, agency_code, agency_name, status, figures, pdf, xlsx,
                                                      process_instance_id)
                    values (?, ?, ?, ?, 'DRAFT', ?::jsonb, ?, ?, ?)""", id, figures.period(), figures.agency(),
                    figures.agencyName(), json.writeValueAsString(figures), pdf, xlsx, processInstanceId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report figures cannot be serialised", e);
        }
        return id;
    }

    /** Whether a process is drafting the period or has drafted it (and it was not withdrawn). */
    public boolean exists(String period) {
        Long n = jdbc.queryForObject("select count(*) from lgsp.periodic_report_period where period = ?", Long.class, period);
        return n != null && n > 0;
    }

    /** Takes the period for one process; false when another already has it. */
    boolean claim(String period, String processInstanceId) {
        return jdbc.update("insert into lgsp.periodic_report_period (period, process_instance_id) values (?, ?) "
                + "on conflict (period) do nothing", period, processInstanceId) == 1;
    }

    @Transactional
    void publish(String processInstanceId, String approvedBy) {
        jdbc.update("""
                update lgsp.periodic_report set status = 'PUBLISHED', approved_by = ?, published_at = now()
                 where process_instance_id = ? and status = 'DRAFT'""", approvedBy, processInstanceId);
    }

    @Transactional
    void withdraw(String processInstanceId) {
        jdbc.update("update lgsp.periodic_report set status = 'WITHDRAWN' where process_instance_id = ? and status = 'DRAFT'",
                processInstanceId);
        jdbc.update("delete from lgsp.periodic_report_period where process_instance_id = ?", processInstanceId);
    }

    public List<Report> ofProcess(String processInstanceId) {
        return jdbc.query("select * from lgsp.periodic_report where process_instance_id = ? order by agency_code nulls first",
                (rs, n) -> report(rs), processInstanceId);
    }

    /** Published reports, newest period first; {@code period} and {@code agency} narrow them. */
    public List<Report> published(String period, String agency, boolean cityOnly, int limit) {
        StringBuilder sql = new StringBuilder("select * from lgsp.periodic_report where status = 'PUBLISHED'");
        List<Object> args = new java.util.ArrayList<>();
        if (period != null) {
            sql.append(" and period = ?");
            args.add(period);
        }
        if (cityOnly) {
            sql.append(" and agency_code is null");
        } else if (agency != null) {
            sql.append(" and agency_code = ?");
            args.add(agency);
        }
        sql.append(" order by published_at desc, agency_code nulls first limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> report(rs), args.toArray());
    }

    /** A published report's file ({@code pdf} or {@code xlsx}); nothing for a draft or a withdrawn one. */
    public Optional<byte[]> publishedFile(UUID id, String format) {
        String column = switch (format) {
            case "pdf" -> "pdf";
            case "xlsx" -> "xlsx";
            default -> throw new IllegalArgumentException(format);
        };
        return jdbc.query("select " + column + " from lgsp.periodic_report where id = ? and status = 'PUBLISHED'",
                (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }

    /** Any report's file, drafts included: for the approving leader and for tests. */
    public Optional<byte[]> file(UUID id, String format) {
        String column = "pdf".equals(format) ? "pdf" : "xlsx";
        return jdbc.query("select " + column + " from lgsp.periodic_report where id = ?", (rs, n) -> rs.getBytes(1), id)
                .stream().findFirst();
    }

    private static Report report(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp published = rs.getTimestamp("published_at");
        return new Report(rs.getObject("id", UUID.class), rs.getString("period"), rs.getString("agency_code"),
                rs.getString("agency_name"), Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                rs.getString("approved_by"), published == null ? null : published.toInstant());
    }
}
