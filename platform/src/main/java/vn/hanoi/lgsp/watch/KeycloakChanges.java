package vn.hanoi.lgsp.watch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.identity.KeycloakAdminEvents;

/**
 * Changes made in Keycloak to clients and roles (Đ7.7), by anyone, the platform included, pulled
 * into the audit journal every minute: a credential or a role given outside the platform's own
 * paths is on record beside the rest. One node pulls per round; a cursor says how far it read.
 */
@Component
class KeycloakChanges {

    private static final Logger log = LoggerFactory.getLogger(KeycloakChanges.class);
    static final String CURSOR = "keycloak-admin-events";
    /**
     * What changes who may call or see what: clients, their scopes and secrets, roles and who holds
     * them, staff accounts (their agency attribute), identity providers.
     */
    static final Set<String> RESOURCE_TYPES = Set.of("CLIENT", "CLIENT_ROLE", "REALM_ROLE", "REALM_ROLE_MAPPING",
            "CLIENT_ROLE_MAPPING", "CLIENT_SCOPE", "CLIENT_SCOPE_MAPPING", "CLIENT_SCOPE_CLIENT_MAPPING", "GROUP_MEMBERSHIP",
            "USER", "IDENTITY_PROVIDER", "IDENTITY_PROVIDER_MAPPER");

    private final KeycloakAdminEvents events;
    private final AuditJournal journal;
    private final JdbcTemplate jdbc;
    private final ClusterJobs jobs;

    KeycloakChanges(KeycloakAdminEvents events, AuditJournal journal, JdbcTemplate jdbc, ClusterJobs jobs) {
        this.events = events;
        this.journal = journal;
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    void pullNow() {
        if (!jobs.claim("keycloak-admin-events", Duration.ofSeconds(50))) {
            return;
        }
        try {
            pull();
        } catch (RuntimeException e) {
            log.warn("Keycloak's admin events could not be read ({}); next round in a minute", e.getMessage());
        }
    }

    /** Journals every change since the cursor; returns how many. One pull at a time on a node, one node per round. */
    synchronized int pull() {
        Instant from = jdbc.query("select position from lgsp.watch_cursor where name = ?",
                (rs, n) -> rs.getTimestamp(1).toInstant(), CURSOR).stream().findFirst()
                // a first start reads the last day
                .orElse(Instant.now().minus(Duration.ofDays(1)));
        List<KeycloakAdminEvents.AdminEvent> changes = events.since(from);
        int journaled = 0;
        for (KeycloakAdminEvents.AdminEvent event : changes) {
            if (event.resourceType() == null || !RESOURCE_TYPES.contains(event.resourceType())) {
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            put(details, "resourceType", event.resourceType());
            put(details, "keycloakUser", event.userId());
            put(details, "keycloakClient", event.clientId());
            put(details, "address", event.ipAddress());
            journal.append(new AuditEntry(event.time(), AuditEntry.ActorKind.STAFF,
                    "keycloak:" + (event.userId() == null ? "unknown" : event.userId()), null,
                    "keycloak.admin." + String.valueOf(event.operation()).toLowerCase(), event.resourcePath(), "00", null,
                    details));
            journaled++;
        }
        if (!changes.isEmpty()) {
            // the next round starts just after the last event read
            Instant next = changes.get(changes.size() - 1).time().plusMillis(1);
            jdbc.update("""
                    insert into lgsp.watch_cursor (name, position) values (?, ?)
                    on conflict (name) do update set position = excluded.position""", CURSOR, Timestamp.from(next));
        }
        return journaled;
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
