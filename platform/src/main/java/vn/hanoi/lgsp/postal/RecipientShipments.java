package vn.hanoi.lgsp.postal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The postal shipments an agency sent to a citizen who was named by their identifier, found by its
 * keyed hash (Law 91/2025): when, from which agency, for which procedure, and where it stands.
 * Never the address or phone.
 */
@Service
public class RecipientShipments {

    public record RecipientShipment(UUID id, Instant createdAt, String agencyCode, String procedureCode,
                                    String status) {
    }

    private final JdbcTemplate jdbc;

    RecipientShipments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} shipments for the recipient created in [from, to), newest first. */
    public List<RecipientShipment> about(String recipientHash, Instant from, Instant to, int limit) {
        return jdbc.query("""
                        select id, created_at, agency_code, procedure_code, status from lgsp.postal_shipment
                        where recipient_hash = ? and created_at >= ? and created_at < ?
                        order by created_at desc limit ?""",
                (rs, n) -> new RecipientShipment(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("agency_code"), rs.getString("procedure_code"), rs.getString("status")),
                recipientHash, Timestamp.from(from), Timestamp.from(to), limit);
    }
}
