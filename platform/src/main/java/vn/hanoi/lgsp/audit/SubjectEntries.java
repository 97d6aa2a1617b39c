package vn.hanoi.lgsp.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The journal's entries about one data subject (Law 91/2025, Decree 13/2023): found by the keyed
 * hash that stands for the person's identifier, newest first.
 */
@Service
public class SubjectEntries {

    private final JdbcTemplate jdbc;

    SubjectEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} entries naming the subject, in [from, to). */
    public List<AuditEntry> about(String subjectHash, Instant from, Instant to, int limit) {
        return jdbc.query("""
                        select * from lgsp.audit_journal
                        where details ->> 'subject' = ? and at >= ? and at < ?
                        order by at desc limit ?""",
                (rs, n) -> StoredEntries.entryOf(rs), subjectHash, Timestamp.from(from), Timestamp.from(to), limit);
    }
}
