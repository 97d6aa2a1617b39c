package vn.hanoi.lgsp.agency;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** The connected information systems of agencies, one per agency. */
@Service
public class AgencySystems {

    private final JdbcTemplate jdbc;
    private final AgencyRegistry agencies;
    private final EndpointPolicy endpoints;
    private final AuditJournal journal;

    AgencySystems(JdbcTemplate jdbc, AgencyRegistry agencies, EndpointPolicy endpoints, AuditJournal journal) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.endpoints = endpoints;
        this.journal = journal;
    }

    public Optional<AgencySystem> find(String agencyCode) {
        return jdbc.query("select * from lgsp.agency_system where agency_code = ?", (rs, n) -> new AgencySystem(
                rs.getString("agency_code"), rs.getString("base_url"), rs.getBoolean("push_enabled"),
                rs.getString("signing_key_jwk"), rs.getBoolean("signature_required"), rs.getBoolean("status_level2"),
                rs.getInt("poll_interval_seconds")), agencyCode).stream().findFirst();
    }

    public List<AgencySystem> all() {
        return jdbc.query("select * from lgsp.agency_system order by agency_code", (rs, n) -> new AgencySystem(
                rs.getString("agency_code"), rs.getString("base_url"), rs.getBoolean("push_enabled"),
                rs.getString("signing_key_jwk"), rs.getBoolean("signature_required"), rs.getBoolean("status_level2"),
                rs.getInt("poll_interval_seconds")));
    }

    /** Registers or replaces the system of an active agency, as the platform itself (development simulators). */
    @Transactional
    public AgencySystem register(AgencySystem system) {
        return register(system, AuditEntry.ActorKind.PLATFORM, "lgsp");
    }

    /**
     * Registers or replaces the system of an active agency. Where the LGSP sends an agency's
     * records is configuration with reach: the journal keeps who changed it, when, and the old
     * and new values.
     */
    @Transactional
    public AgencySystem register(AgencySystem system, AuditEntry.ActorKind actorKind, String actor) {
        return register(system, actorKind, actor, Map.of());
    }

    /** As above, with further facts for the journal (who asked, who approved). */
    AgencySystem register(AgencySystem system, AuditEntry.ActorKind actorKind, String actor, Map<String, Object> facts) {
        Optional<AgencySystem> before = find(system.agencyCode());
        validate(system);
        jdbc.update("""
                insert into lgsp.agency_system (agency_code, base_url, push_enabled, signing_key_jwk, signature_required,
                                                status_level2, poll_interval_seconds)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (agency_code) do update set base_url = excluded.base_url, push_enabled = excluded.push_enabled,
                    signing_key_jwk = excluded.signing_key_jwk, signature_required = excluded.signature_required,
                    status_level2 = excluded.status_level2, poll_interval_seconds = excluded.poll_interval_seconds,
                    updated_at = now()""",
                system.agencyCode(), stripTrailingSlash(system.baseUrl()), system.pushEnabled(), system.signingKeyJwk(),
                system.signatureRequired(), system.statusLevel2(), system.pollIntervalSeconds());
        AgencySystem after = find(system.agencyCode()).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        before.ifPresent(old -> details.put("old", journaled(old)));
        details.put("new", journaled(after));
        details.putAll(facts);
        journal.append(new AuditEntry(Instant.now(), actorKind, actor, null,
                before.isPresent() ? "agency.system.changed" : "agency.system.registered", system.agencyCode(), "00",
                null, details));
        return after;
    }

    /** What became of a closed agency's system. */
    public enum Transfer { NONE, MOVED, DISCONNECTED }

    /**
     * A closed agency's system passes to its successor: the same machine now answers for
     * the successor, at the same address with the same keys. A successor that has a system of
     * its own keeps it, and the closed agency's is disconnected; so is the system of an agency
     * dissolved without a successor ({@code successor} null). Journaled either way.
     */
    @Transactional
    public Transfer transfer(String closed, String successor, String actor) {
        Optional<AgencySystem> system = find(closed);
        if (system.isEmpty()) {
            return Transfer.NONE;
        }
        AgencySystem old = system.get();
        boolean move = successor != null && find(successor).isEmpty();
        if (move) {
            agencies.requireActive(successor);
            jdbc.update("""
                    insert into lgsp.agency_system (agency_code, base_url, push_enabled, signing_key_jwk, signature_required,
                                                    status_level2, poll_interval_seconds)
                    select ?, base_url, push_enabled, signing_key_jwk, signature_required, status_level2, poll_interval_seconds
                    from lgsp.agency_system where agency_code = ?""", successor, closed);
        }
        jdbc.update("delete from lgsp.agency_system where agency_code = ?", closed);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("old", journaled(old));
        details.put("successor", successor);
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.PLATFORM, actor, null,
                move ? "agency.system.transferred" : "agency.system.disconnected", closed, "00", null, details));
        return move ? Transfer.MOVED : Transfer.DISCONNECTED;
    }

    /** Every check a registration must pass, made when it is asked for and again when it is applied. */
    void validate(AgencySystem system) {
        agencies.requireActive(system.agencyCode());
        URI url;
        try {
            url = URI.create(system.baseUrl());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "baseUrl is not a URL: " + system.baseUrl());
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "baseUrl must be an http(s) URL with a host");
        }
        endpoints.check("baseUrl", system.baseUrl());
        if (system.signatureRequired() && (system.signingKeyJwk() == null || system.signingKeyJwk().isBlank())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "a system that must sign needs its public signing key (JWK)");
        }
        if (system.pollIntervalSeconds() < 10) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "pollIntervalSeconds must be at least 10");
        }
    }

    static Map<String, Object> journaled(AgencySystem system) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("baseUrl", system.baseUrl());
        values.put("pushEnabled", system.pushEnabled());
        values.put("signatureRequired", system.signatureRequired());
        values.put("signingKey", system.signingKeyJwk() == null ? "none" : "set");
        values.put("statusLevel2", system.statusLevel2());
        values.put("pollIntervalSeconds", system.pollIntervalSeconds());
        return values;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
