package vn.hanoi.lgsp.portal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyQueries;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.catalog.CatalogFigures;
import vn.hanoi.lgsp.connection.ConnectionFigures;
import vn.hanoi.lgsp.exchange.ExchangeFigures;
import vn.hanoi.lgsp.identity.ClientRevocations;
import vn.hanoi.lgsp.onboarding.AgencyRegistrations;

/**
 * What an agency's staff see of their own agency on the portal, read in one place so that every
 * query is narrowed to that one agency code: registrations it made and those made for its
 * services, its connected system, grants both ways, its exchanges (metadata only, never content).
 * Each owner answers for its own tables.
 */
@Component
class AgencyOverview {

    static final int EXCHANGES_SHOWN = 50;

    private final AgencyQueries agencies;
    private final AgencySystems systems;
    private final AgencyRegistrations registrations;
    private final ConnectionFigures connections;
    private final CatalogFigures catalog;
    private final ExchangeFigures exchanges;
    private final ClientRevocations revocations;

    AgencyOverview(AgencyQueries agencies, AgencySystems systems, AgencyRegistrations registrations,
                   ConnectionFigures connections, CatalogFigures catalog, ExchangeFigures exchanges,
                   ClientRevocations revocations) {
        this.agencies = agencies;
        this.systems = systems;
        this.registrations = registrations;
        this.connections = connections;
        this.catalog = catalog;
        this.exchanges = exchanges;
        this.revocations = revocations;
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
        return agencies.name(agency).orElse(agency);
    }

    /** Registrations the agency made ({@code own}), or those other agencies made to use its services. */
    List<Registration> registrations(String agency, boolean own) {
        return registrations.of(agency, own).stream().map(r -> new Registration(r.id(), r.requestType(), r.agency(),
                r.service(), r.version(), r.status(), r.createdAt(), r.reviewDue(), r.testClientId(),
                r.productionClientId())).toList();
    }

    Optional<ConnectedSystem> system(String agency) {
        return systems.find(agency).map(s -> {
            ConnectionFigures.LastCheck check = connections.lastCheck(agency).orElse(null);
            return new ConnectedSystem(s.baseUrl(), s.pushEnabled(), s.signatureRequired(),
                    check == null ? null : check.state(), check == null ? null : check.at(),
                    check == null ? null : check.latencyMs(), check == null ? null : check.error());
        });
    }

    /** Active grants the agency holds ({@code asConsumer}), or those others hold on its services. */
    List<Grant> grants(String agency, boolean asConsumer) {
        List<CatalogFigures.ActiveGrant> grants = catalog.activeGrants(agency, asConsumer);
        Map<String, String> names = agencies.names(grants.stream().map(CatalogFigures.ActiveGrant::consumer)
                .distinct().toList());
        return grants.stream().map(g -> new Grant(g.consumer(), names.get(g.consumer()), g.service(), g.version(),
                g.environment(), g.grantedAt())).toList();
    }

    List<Exchange> exchanges(String agency) {
        return exchanges.latest(agency, EXCHANGES_SHOWN).stream().map(e -> {
            boolean sent = agency.equals(e.source());
            return new Exchange(UUID.fromString(e.exchangeId()), sent, sent ? e.destination() : e.source(),
                    e.procedureCode(), e.status().name(), e.route(), e.createdAt(), e.deadline());
        }).toList();
    }

    /** Whether each of these clients was revoked by the platform. */
    Map<String, Boolean> revoked(List<String> clientIds) {
        Map<String, Boolean> revoked = new java.util.LinkedHashMap<>();
        for (String clientId : clientIds) {
            revoked.put(clientId, revocations.revoked(clientId));
        }
        return revoked;
    }
}
