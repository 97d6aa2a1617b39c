package vn.hanoi.lgsp.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** An agency's registrations as its staff see them on the portal, read only here. */
@Component
public class AgencyRegistrations {

    static final int SHOWN = 200;

    private final JdbcTemplate jdbc;

    AgencyRegistrations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(UUID id, String requestType, String agency, String service, String version, String status,
                      Instant createdAt, Instant reviewDue, String testClientId, String productionClientId) {
    }

    /** Registrations the agency made ({@code own}), or those other agencies made to use its services; newest first. */
    public List<Row> of(String agency, boolean own) {
        String where = own ? "agency_code = ?" : "provider_code = ? and agency_code <> provider_code";
        return jdbc.query("select * from lgsp.registration where " + where + " order by created_at desc limit " + SHOWN,
                (rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("request_type"),
                        rs.getString("agency_code"), rs.getString("service_code"), rs.getString("service_version"),
                        rs.getString("status"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("review_due")), rs.getString("test_client_id"),
                        rs.getString("production_client_id")), agency);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
