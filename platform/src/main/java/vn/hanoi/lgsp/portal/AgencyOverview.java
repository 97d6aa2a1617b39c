package vn.hanoi.lgsp.portal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an agency's staff see of their own agency on the portal, read in one place so that every
 * query is narrowed to that one agency code: registrations it made and those made for its
 * services, its connected system, grants both ways, its exchanges (metadata only, never content).
 */
@Component
class AgencyOverview {

    static final int EXCHANGES_SHOWN = 50;

    private final JdbcTemplate jdbc;

    AgencyOverview(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Registration(UUID id, String requestType, String agency, String service, String version, String status,
                        Instant createdAt, Instant reviewDue, String testClientId, String productionClientId) {
    }

    record ConnectedSystem(String baseUrl, boolean pushEnabled, boolean signatureRequired, String state,
                           Instant lastCheckAt, Long lastLatencyMs, String lastError) {
    }

    record Grant(String consumer, String consumerName, String service, String version, String environment,
                 Instant grantedAt) {
    }

    record Exchange(UUID id, boolean sent, String counterpart, String procedure, String status, String route,
                    Instant createdAt, Instant deadline) {
    }

    String agencyName(String agency) {
        return jdbc.query("select name from lgsp.agency where code = ?", (rs, n) -> rs.getString(1), agency)
                .stream().findFirst().orElse(agency);
    }

    /** Registrations the agency made ({@code own}), or those other agencies made to use its services. */
    List<Registration> registrations(String agency, boolean own) {
        String where = own ? "agency_code = ?" : "provider_code = ? and agency_code <> provider_code";
        return jdbc.query("select * from lgsp.registration where " + where + " order by created_at desc limit 200",
                (rs, n) -> new Registration(rs.getObject("id", UUID.class), rs.getString("request_type"),
                        rs.getString("agency_code"), rs.getString("service_code"), rs.getString("service_version"),
                        rs.getString("status"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("review_due")), rs.getString("test_client_id"),
                        rs.getString("production_client_id")), agency);
    }

    Optional<ConnectedSystem> system(String agency) {
        return jdbc.query("""
                select s.base_url, s.push_enabled, s.signature_required, c.state, c.last_check_at, c.last_latency_ms,
                       c.last_error
                from lgsp.agency_system s left join lgsp.connection_state c on c.agency_code = s.agency_code
                where s.agency_code = ?""", (rs, n) -> new ConnectedSystem(rs.getString(1), rs.getBoolean(2),
                rs.getBoolean(3), rs.getString(4), instant(rs.getTimestamp(5)),
                rs.getObject(6) == null ? null : rs.getLong(6), rs.getString(7)), agency).stream().findFirst();
    }

    /** Active grants the agency holds ({@code asConsumer}), or those others hold on its services. */
    List<Grant> grants(String agency, boolean asConsumer) {
        String where = asConsumer ? "g.consumer_code = ?" : "s.provider_code = ?";
        return jdbc.query("""
                select g.consumer_code, a.name, g.service_code, g.version, g.environment, g.granted_at
                from lgsp.access_grant g join lgsp.service s on s.code = g.service_code
                left join lgsp.agency a on a.code = g.consumer_code
                where g.revoked_at is null and\s""" + where + " order by g.service_code, g.version, g.environment",
                (rs, n) -> new Grant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6))), agency);
    }

    List<Exchange> exchanges(String agency) {
        return jdbc.query("""
                select id, source_code, destination_code, procedure_code, status, route, created_at, deadline
                from lgsp.exchange where source_code = ? or destination_code = ?
                order by created_at desc limit\s""" + EXCHANGES_SHOWN, (rs, n) -> {
            boolean sent = agency.equals(rs.getString(2));
            return new Exchange(rs.getObject(1, UUID.class), sent, sent ? rs.getString(3) : rs.getString(2),
                    rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)),
                    instant(rs.getTimestamp(8)));
        }, agency, agency);
    }

    /** Whether each of these clients was revoked by the platform. */
    Map<String, Boolean> revoked(List<String> clientIds) {
        Map<String, Boolean> revoked = new java.util.LinkedHashMap<>();
        for (String clientId : clientIds) {
            revoked.put(clientId, Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from lgsp.revoked_client where client_id = ?)", Boolean.class, clientId)));
        }
        return revoked;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
