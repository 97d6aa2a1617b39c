package vn.hanoi.lgsp.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The record exchanges that named a citizen as their applicant, found by the keyed hash of the
 * citizen's identifier (Law 91/2025): when, from which agency to which, for which procedure, and
 * how it stands. Never the content or the applicant's name.
 */
@Service
public class ApplicantExchanges {

    public record ApplicantExchange(UUID id, Instant createdAt, String source, String destination, String procedureCode,
                                    ExchangeStatus status) {
    }

    private final JdbcTemplate jdbc;

    ApplicantExchanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} exchanges about the applicant created in [from, to), newest first. */
    public List<ApplicantExchange> about(String applicantHash, Instant from, Instant to, int limit) {
        return jdbc.query("""
                        select id, created_at, source_code, destination_code, procedure_code, status from lgsp.exchange
                        where applicant_hash = ? and created_at >= ? and created_at < ?
                        order by created_at desc limit ?""",
                (rs, n) -> new ApplicantExchange(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("source_code"), rs.getString("destination_code"), rs.getString("procedure_code"),
                        ExchangeStatus.valueOf(rs.getString("status"))),
                applicantHash, Timestamp.from(from), Timestamp.from(to), limit);
    }
}
