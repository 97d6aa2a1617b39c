package vn.hanoi.lgsp.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.TransactionLog;

/**
 * Which consumer agency may call which service version in which environment.
 * Access ends when a consumer stops using a service or the version retires.
 */
@Service
public class AccessGrants {

    static final String RETIRED_REASON = "The service version was retired (R-16)";

    private final JdbcTemplate jdbc;
    private final AgencyRegistry agencies;
    private final TransactionLog transactions;
    private final ApplicationEventPublisher events;

    AccessGrants(JdbcTemplate jdbc, AgencyRegistry agencies, TransactionLog transactions,
                 ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.transactions = transactions;
        this.events = events;
    }

    private record Target(String provider, VersionStatus status) {
    }

    /**
     * Grants an active consumer access to a version: the test environment once the version is
     * in TEST, production once it is PUBLISHED. A second active grant of the same is refused.
     */
    @Transactional
    public AccessGrant grant(String consumer, String service, String version, AccessGrant.Environment environment,
                             String actor) {
        return grant(consumer, service, version, environment, actor, null);
    }

    /** As {@link #grant(String, String, String, AccessGrant.Environment, String)}, with the consumer's quota. */
    @Transactional
    public AccessGrant grant(String consumer, String service, String version, AccessGrant.Environment environment,
                             String actor, Integer quota) {
        if (quota != null && quota < 1) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "quota must be a positive number of calls per window");
        }
        if (environment == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The environment is required: TEST or PRODUCTION");
        }
        agencies.requireActive(consumer);
        Target target = lockVersion(service, version);
        Lifecycle.checkGrantable(service, version, target.status(), environment);
        List<Long> ids = jdbc.query("""
                insert into lgsp.access_grant (consumer_code, service_code, version, environment, granted_by, quota)
                values (?, ?, ?, ?, ?, ?)
                on conflict do nothing
                returning id""", (rs, n) -> rs.getLong(1), consumer, service, version, environment.name(), actor,
                quota);
        if (ids.isEmpty()) {
            long existing = activeId(consumer, service, version, environment).orElse(-1L);
            throw new ApiException(ErrorCode.DUPLICATE, consumer + " already holds grant " + existing + " to " + service
                    + " " + version + " on " + environment);
        }
        transactions.record(Milestones.of("grant-issued", consumer, target.provider(), service, version,
                environment.name().toLowerCase(Locale.ROOT)));
        events.publishEvent(new GrantChanged(consumer, service, version));
        return find(ids.get(0)).orElseThrow();
    }

    /** Revokes a grant; revoking one already revoked changes nothing and returns it as it is. */
    @Transactional
    public AccessGrant revoke(long id, String actor, String reason) {
        AccessGrant grant = find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No access grant " + id));
        if (grant.isActive()) {
            revokeActive(grant, actor, reason);
        }
        return find(id).orElseThrow();
    }

    /** Revokes the active grant of a consumer to a version in an environment, if there is one. */
    @Transactional
    public Optional<AccessGrant> revoke(String consumer, String service, String version,
                                        AccessGrant.Environment environment, String actor, String reason) {
        return activeId(consumer, service, version, environment).map(id -> revoke(id, actor, reason));
    }

    /** One grant carried over from a closed agency to its successor: the old id, and the new one if made. */
    public record Transfer(long from, Long to, String service, String version, AccessGrant.Environment environment) {
    }

    /**
     * Every active grant of a closed agency passes to its successor, on the same version and
     * environment with the same quota: the successor carries on what the body it replaces was
     * permitted. No version check: a deprecated version's grant moves too and ends at its sunset
     * as it would have. Where the successor already holds the same grant the old one only ends.
     */
    @Transactional
    public List<Transfer> transfer(String closed, String successor, String actor) {
        agencies.requireActive(successor);
        List<Transfer> moved = new java.util.ArrayList<>();
        List<AccessGrant> active = jdbc.query("""
                select * from lgsp.access_grant where consumer_code = ? and revoked_at is null order by id for update""",
                this::map, closed);
        for (AccessGrant grant : active) {
            List<Long> ids = jdbc.query("""
                    insert into lgsp.access_grant (consumer_code, service_code, version, environment, granted_by, quota)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict do nothing
                    returning id""", (rs, n) -> rs.getLong(1), successor, grant.service(), grant.version(),
                    grant.environment().name(), actor, grant.quota());
            revokeActive(grant, actor, "Agency " + closed + " closed; its grants pass to " + successor + " (R-06)");
            Long to = ids.isEmpty() ? null : ids.get(0);
            if (to != null) {
                String provider = jdbc.queryForObject("select provider_code from lgsp.service where code = ?",
                        String.class, grant.service());
                transactions.record(Milestones.of("grant-issued", successor, provider, grant.service(), grant.version(),
                        grant.environment().name().toLowerCase(Locale.ROOT)));
                events.publishEvent(new GrantChanged(successor, grant.service(), grant.version()));
            }
            moved.add(new Transfer(grant.id(), to, grant.service(), grant.version(), grant.environment()));
        }
        return moved;
    }

    /** Ends every active grant of an agency dissolved without a successor. */
    @Transactional
    public List<Long> revokeAll(String consumer, String actor, String reason) {
        List<AccessGrant> active = jdbc.query("""
                select * from lgsp.access_grant where consumer_code = ? and revoked_at is null order by id for update""",
                this::map, consumer);
        active.forEach(grant -> revokeActive(grant, actor, reason));
        return active.stream().map(AccessGrant::id).toList();
    }

    /** The consumers that may call any service of a provider in production now: who an outage of it affects. */
    public List<String> productionConsumersOf(String provider) {
        return jdbc.queryForList("""
                select distinct g.consumer_code from lgsp.access_grant g join lgsp.service s on s.code = g.service_code
                where s.provider_code = ? and g.environment = 'PRODUCTION' and g.revoked_at is null
                order by 1""", String.class, provider);
    }

    /** The active grants on one version in one environment: who calls it there today. */
    public List<AccessGrant> activeOn(String service, String version, AccessGrant.Environment environment) {
        return jdbc.query("""
                select * from lgsp.access_grant
                where service_code = ? and version = ? and environment = ? and revoked_at is null
                order by consumer_code, id""", this::map, service, version, environment.name());
    }

    /** The consumer's active grants on any version of a service, in either environment. */
    public List<AccessGrant> activeOf(String consumer, String service) {
        return jdbc.query("""
                select * from lgsp.access_grant
                where consumer_code = ? and service_code = ? and revoked_at is null order by id""",
                this::map, consumer, service);
    }

    /** The consumer's active grant on that version in that environment, if it holds one. */
    public Optional<AccessGrant> activeGrant(String consumer, String service, String version,
                                             AccessGrant.Environment environment) {
        return activeId(consumer, service, version, environment).flatMap(this::find);
    }

    /** Whether the consumer may call that version in that environment now. */
    public boolean active(String consumer, String service, String version, AccessGrant.Environment environment) {
        return activeId(consumer, service, version, environment).isPresent();
    }

    /** Every grant a consumer has held, active and revoked, newest first. */
    public List<AccessGrant> list(String consumer) {
        agencies.find(consumer).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_AGENCY,
                "Agency " + consumer + " is not registered with the LGSP"));
        return jdbc.query("select * from lgsp.access_grant where consumer_code = ? order by granted_at desc, id desc",
                this::map, consumer);
    }

    public Optional<AccessGrant> find(long id) {
        return jdbc.query("select * from lgsp.access_grant where id = ?", this::map, id).stream().findFirst();
    }

    /** A retired version takes its grants with it, in the transaction that retires it. */
    @EventListener
    void onVersionStatusChanged(VersionStatusChanged change) {
        if (change.to() != VersionStatus.RETIRED) {
            return;
        }
        List<AccessGrant> grants = jdbc.query("""
                select * from lgsp.access_grant where service_code = ? and version = ? and revoked_at is null""",
                this::map, change.service(), change.version());
        for (AccessGrant grant : grants) {
            revokeActive(grant, change.actor(), RETIRED_REASON);
        }
    }

    private void revokeActive(AccessGrant grant, String actor, String reason) {
        int updated = jdbc.update("""
                update lgsp.access_grant set revoked_at = ?, revoked_by = ?, reason = ?
                where id = ? and revoked_at is null""",
                Timestamp.from(Instant.now()), actor, reason == null || reason.isBlank() ? "Revoked by DOST" : reason,
                grant.id());
        if (updated == 1) {
            String provider = jdbc.queryForObject("select provider_code from lgsp.service where code = ?",
                    String.class, grant.service());
            transactions.record(Milestones.of("grant-revoked", grant.consumer(), provider, grant.service(),
                    grant.version(), grant.environment().name().toLowerCase(Locale.ROOT)));
            events.publishEvent(new GrantChanged(grant.consumer(), grant.service(), grant.version()));
        }
    }

    /**
     * The version's status, read under a share lock so that a grant cannot slip in while the
     * version is being retired.
     */
    private Target lockVersion(String service, String version) {
        List<String> provider = jdbc.query("select provider_code from lgsp.service where code = ?",
                (rs, n) -> rs.getString(1), service);
        if (provider.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Service " + service + " is not in the LGSP catalog");
        }
        return jdbc.query("select status from lgsp.service_version where service_code = ? and version = ? for share",
                        (rs, n) -> new Target(provider.get(0), VersionStatus.valueOf(rs.getString(1))), service, version)
                .stream().findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Service " + service + " has no version " + version));
    }

    private Optional<Long> activeId(String consumer, String service, String version, AccessGrant.Environment environment) {
        return jdbc.query("""
                select id from lgsp.access_grant
                where consumer_code = ? and service_code = ? and version = ? and environment = ? and revoked_at is null""",
                (rs, n) -> rs.getLong(1), consumer, service, version, environment.name()).stream().findFirst();
    }

    private AccessGrant map(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new AccessGrant(rs.getLong("id"), rs.getString("consumer_code"), rs.getString("service_code"),
                rs.getString("version"), AccessGrant.Environment.valueOf(rs.getString("environment")),
                rs.getTimestamp("granted_at").toInstant(), rs.getString("granted_by"),
                revoked == null ? null : revoked.toInstant(), rs.getString("revoked_by"), rs.getString("reason"),
                (Integer) rs.getObject("quota"));
    }
}
