package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The shared category lists by name, and the versions each went through (R-12, Đ10.3). */
@Component
public class CategoryLists {

    public static final String ADMINISTRATIVE_UNITS = "administrative-units";
    public static final String AGENCIES = "agencies";
    public static final String PROCEDURES = "procedures";

    /** One applied version of a list: the published list it came from, or a national change set. */
    public record Version(String list, int version, LocalDate effectiveDate, java.time.Instant appliedAt, String source,
                          String summary) {
    }

    /** A change set refused whole; nothing of it was applied. */
    public record Refusal(String list, int version, java.time.Instant receivedAt, String problems) {
    }

    private final JdbcTemplate jdbc;

    CategoryLists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The list's current version number; 0 for a list never loaded. */
    public int currentVersion(String list) {
        Integer version = jdbc.queryForObject("select max(version) from lgsp.category_version where list_name = ?",
                Integer.class, list);
        return version == null ? 0 : version;
    }

    public List<Version> versions(String list) {
        return jdbc.query("select * from lgsp.category_version where list_name = ? order by version desc",
                (rs, n) -> new Version(rs.getString("list_name"), rs.getInt("version"),
                        rs.getObject("effective_date", LocalDate.class), rs.getTimestamp("applied_at").toInstant(),
                        rs.getString("source"), rs.getString("summary")), list);
    }

    public List<Refusal> refusals(String list) {
        return jdbc.query("select * from lgsp.category_refusal where list_name = ? order by received_at desc limit 50",
                (rs, n) -> new Refusal(rs.getString("list_name"), rs.getInt("version"),
                        rs.getTimestamp("received_at").toInstant(), rs.getString("problems")), list);
    }

    void recordVersion(String list, int version, LocalDate effective, String source, String summary) {
        jdbc.update("insert into lgsp.category_version (list_name, version, effective_date, source, summary)"
                + " values (?, ?, ?, ?, ?)", list, version, effective, source, summary);
    }

    /** Whether this set was refused for these very problems before (compared as JSON, whatever its spacing). */
    boolean refusedAlready(String list, int version, String problemsJson) {
        return jdbc.queryForObject("select count(*) from lgsp.category_refusal where list_name = ? and version = ?"
                + " and problems = ?::jsonb", Integer.class, list, version, problemsJson) > 0;
    }

    void recordRefusal(String list, int version, String problemsJson) {
        jdbc.update("insert into lgsp.category_refusal (id, list_name, version, problems) values (?, ?, ?, ?::jsonb)",
                java.util.UUID.randomUUID(), list, version, problemsJson);
    }
}
