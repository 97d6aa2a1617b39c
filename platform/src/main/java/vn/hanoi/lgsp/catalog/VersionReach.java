package vn.hanoi.lgsp.catalog;

import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyCode;
import vn.hanoi.lgsp.agency.EndpointPolicy;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.TransactionLog;

/**
 * Where a version's calls go and whether callers outside the city may make them: configuration
 * with reach, so every change is journaled with what it was before, and the gateway is told.
 * Runs in the catalog's transaction.
 */
@Component
class VersionReach {

    private final JdbcTemplate jdbc;
    private final CatalogQueries queries;
    private final ServiceInput input;
    private final EndpointPolicy endpoints;
    private final AuditJournal journal;
    private final TransactionLog transactions;
    private final ApplicationEventPublisher events;

    VersionReach(JdbcTemplate jdbc, CatalogQueries queries, com.fasterxml.jackson.databind.ObjectMapper json,
                 EndpointPolicy endpoints, AuditJournal journal, TransactionLog transactions,
                 ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.input = new ServiceInput(json);
        this.endpoints = endpoints;
        this.journal = journal;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Points a version at the provider's new endpoint (the provider moved its system); the
     * gateway follows within its cache time.
     */
    SharedService changeBaseUrl(String code, String version, String baseUrl, String actor) {
        SharedService service = queries.lock(code);
        queries.requireVersion(code, version);
        input.checkVersion(new ServiceCatalog.NewVersion(version, baseUrl, null, null, null, null));
        endpoints.check("baseUrl", baseUrl);
        String before = jdbc.queryForObject("select base_url from lgsp.service_version where service_code = ? and version = ?",
                String.class, code, version);
        jdbc.update("update lgsp.service_version set base_url = ? where service_code = ? and version = ?",
                baseUrl.trim(), code, version);
        // where consumers' calls go is configuration with reach: the journal keeps the old and new address
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.STAFF, actor, null, "catalog.version.relocated",
                code + "/" + version, "00", null, Map.of("old", before == null ? "" : before,
                        "new", baseUrl.trim())));
        transactions.record(Milestones.of("version-relocated", service.provider(), null, code, version,
                transactions.environment()));
        events.publishEvent(new VersionRelocated(code, version, baseUrl.trim(), actor));
        return queries.require(code);
    }

    /**
     * Offers a version to ministries and other provinces through NDXP, or withdraws the offer
     * (Đ6.1.4.c). Only the city's own services are offered: the national ones are NDXP's to begin
     * with. A retired version cannot be offered; withdrawing an offer is always possible. The
     * gateway follows at once on this node and within its cache time on the others.
     */
    SharedService offerToNdxp(String code, String version, boolean offered, String actor) {
        SharedService service = queries.lock(code);
        ServiceVersion current = queries.requireVersion(code, version);
        if (offered && !AgencyCode.parse(service.provider()).isHanoi()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Service " + code + " is provided by "
                    + service.provider() + ", not by a Hanoi agency: only the city's own services are offered to NDXP");
        }
        if (offered && current.status() == VersionStatus.RETIRED) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Version " + version + " of " + code
                    + " is retired and cannot be offered to NDXP");
        }
        if (current.offeredToNdxp() == offered) {
            return service;
        }
        jdbc.update("update lgsp.service_version set offered_to_ndxp = ? where service_code = ? and version = ?",
                offered, code, version);
        // who opened a service to callers outside the city is configuration with reach, like a new address
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.STAFF,
                actor, null, offered ? "catalog.version.ndxp-offered" : "catalog.version.ndxp-withdrawn",
                code + "/" + version, "00", null, Map.of("offeredToNdxp", offered)));
        transactions.record(Milestones.of(offered ? "version-offered-to-ndxp" : "version-withdrawn-from-ndxp",
                service.provider(), null, code, version, transactions.environment()));
        events.publishEvent(new NdxpOfferChanged(code, version, offered, actor));
        return queries.require(code);
    }
}
