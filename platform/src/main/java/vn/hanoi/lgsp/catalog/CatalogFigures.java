package vn.hanoi.lgsp.catalog;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What reports, the portal and reconciliation read of the catalog — services in use, grants
 * held — so that none of them names the catalog's tables in SQL of its own.
 */
@Component
public class CatalogFigures {

    private static final String IN_USE = "status in ('PUBLISHED', 'DEPRECATED')";
    private static final String PRODUCTION_GRANT = "revoked_at is null and environment = 'PRODUCTION'";

    private final JdbcTemplate jdbc;

    CatalogFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An active grant, with the consumer and the service's provider. */
    public record ActiveGrant(String consumer, String provider, String service, String version, String environment,
                              Instant grantedAt) {
    }

    /** Those of these service codes that the catalog knows. */
    public Set<String> knownServices(Collection<String> codes) {
        Set<String> known = new TreeSet<>();
        if (!codes.isEmpty()) {
            jdbc.query(con -> {
                PreparedStatement statement = con.prepareStatement("select code from lgsp.service where code = any (?)");
                statement.setArray(1, con.createArrayOf("varchar", codes.toArray()));
                return statement;
            }, rs -> {
                known.add(rs.getString(1));
            });
        }
        return known;
    }

    /** The agencies that provide a published or deprecated service. */
    public List<String> providersInUse() {
        return jdbc.queryForList("select distinct provider_code from lgsp.service where " + IN_USE + " order by 1",
                String.class);
    }

    /** How many published or deprecated services one provider (or, {@code provider} null, everyone) offers. */
    public long servicesInUse(String provider) {
        return count("select count(*) from lgsp.service where " + IN_USE
                + (provider == null ? "" : " and provider_code = ?"), provider);
    }

    /** The agencies holding an active production grant. */
    public List<String> productionConsumers() {
        return jdbc.queryForList("select distinct consumer_code from lgsp.access_grant where " + PRODUCTION_GRANT
                + " order by 1", String.class);
    }

    /** How many (consumer, service) pairs hold an active production grant, of one consumer or of all. */
    public long servicesConsumedInProduction(String consumer) {
        return count("select count(distinct (consumer_code, service_code)) from lgsp.access_grant where "
                + PRODUCTION_GRANT + (consumer == null ? "" : " and consumer_code = ?"), consumer);
    }

    /**
     * Active grants the agency holds ({@code asConsumer}), or those others hold on its services,
     * by service, version and environment.
     */
    public List<ActiveGrant> activeGrants(String agency, boolean asConsumer) {
        String where = asConsumer ? "g.consumer_code = ?" : "s.provider_code = ?";
        return jdbc.query("""
                select g.consumer_code, s.provider_code, g.service_code, g.version, g.environment, g.granted_at
                from lgsp.access_grant g join lgsp.service s on s.code = g.service_code
                where g.revoked_at is null and\s""" + where + " order by g.service_code, g.version, g.environment",
                (rs, n) -> new ActiveGrant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6))), agency);
    }

    private long count(String sql, String agency) {
        Long n = agency == null ? jdbc.queryForObject(sql, Long.class) : jdbc.queryForObject(sql, Long.class, agency);
        return n == null ? 0 : n;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
