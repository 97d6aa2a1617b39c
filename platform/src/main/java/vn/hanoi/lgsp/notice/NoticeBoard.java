package vn.hanoi.lgsp.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Publishes and lists the LGSP's notices. */
@Service
public class NoticeBoard {

    /** The most one listing returns; narrower filters find older notices. */
    public static final int PAGE = 200;

    private final JdbcTemplate jdbc;

    NoticeBoard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a caller publishes; {@code sourceKey} names what it is about, so that publishing again changes nothing. */
    public record Draft(String sourceKey, NoticeKind kind, String service, String version, String agency, String title,
                        String body, Instant effectiveAt, Instant endsAt) {
    }

    /** Filters of a listing; null ones do not filter. {@code from}/{@code to} bound the day a notice is about. */
    public record Query(NoticeKind kind, String service, String agency, Instant from, Instant to) {
    }

    /** Publishes the notice unless one with the same source key exists; returns the one on the board. */
    public Notice publish(Draft draft) {
        jdbc.update("""
                insert into lgsp.notice (id, kind, source_key, service_code, version, agency_code, title, body,
                                         effective_at, ends_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (source_key) do nothing""",
                UUID.randomUUID(), draft.kind().name(), draft.sourceKey(), draft.service(), draft.version(),
                draft.agency(), draft.title(), draft.body(), Timestamp.from(draft.effectiveAt()),
                draft.endsAt() == null ? null : Timestamp.from(draft.endsAt()));
        return jdbc.query("select * from lgsp.notice where source_key = ?", this::map, draft.sourceKey()).get(0);
    }

    /** Notices matching the query, newest first, at most {@link #PAGE}. */
    public List<Notice> list(Query query) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (query.kind() != null) {
            where.append(" and kind = ?");
            args.add(query.kind().name());
        }
        if (query.service() != null) {
            where.append(" and service_code = ?");
            args.add(query.service());
        }
        if (query.agency() != null) {
            where.append(" and agency_code = ?");
            args.add(query.agency());
        }
        if (query.from() != null) {
            where.append(" and coalesce(ends_at, effective_at) >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" and effective_at < ?");
            args.add(Timestamp.from(query.to()));
        }
        return jdbc.query("select * from lgsp.notice" + where + " order by published_at desc, id limit " + PAGE,
                this::map, args.toArray());
    }

    private Notice map(ResultSet rs, int row) throws SQLException {
        Timestamp ends = rs.getTimestamp("ends_at");
        return new Notice(rs.getObject("id", UUID.class), NoticeKind.valueOf(rs.getString("kind")),
                rs.getString("service_code"), rs.getString("version"), rs.getString("agency_code"),
                rs.getString("title"), rs.getString("body"), rs.getTimestamp("effective_at").toInstant(),
                ends == null ? null : ends.toInstant(), rs.getTimestamp("published_at").toInstant());
    }
}
