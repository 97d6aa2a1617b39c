package vn.hanoi.lgsp.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyQueries;
import vn.hanoi.lgsp.catalog.CatalogFigures;
import vn.hanoi.lgsp.connection.ConnectionFigures;
import vn.hanoi.lgsp.exchange.ExchangeFigures;
import vn.hanoi.lgsp.exchange.ExchangeStatus;
import vn.hanoi.lgsp.monitoring.GatewayUsage;
import vn.hanoi.lgsp.monitoring.StatusHistory;
import vn.hanoi.lgsp.monitoring.TransactionFigures;
import vn.hanoi.lgsp.reconciliation.Reconciliations;

/**
 * Gathers a period's figures from where each lives: the registry and catalog (PostgreSQL),
 * exchanges (PostgreSQL), transactions, gateway calls and connection checks (Elasticsearch),
 * incidents and reconciliation (PostgreSQL) — each through its owning module's queries.
 */
@Component
class ReportCompiler {

    private static final String PRODUCTION = "production";

    private final AgencyQueries agencyRegistry;
    private final CatalogFigures catalog;
    private final ConnectionFigures connections;
    private final ExchangeFigures exchanges;
    private final GatewayUsage gateway;
    private final TransactionFigures transactions;
    private final StatusHistory status;
    private final Reconciliations reconciliations;

    ReportCompiler(AgencyQueries agencyRegistry, CatalogFigures catalog, ConnectionFigures connections,
                   ExchangeFigures exchanges, GatewayUsage gateway, TransactionFigures transactions,
                   StatusHistory status, Reconciliations reconciliations) {
        this.agencyRegistry = agencyRegistry;
        this.catalog = catalog;
        this.connections = connections;
        this.exchanges = exchanges;
        this.gateway = gateway;
        this.transactions = transactions;
        this.status = status;
        this.reconciliations = reconciliations;
    }

    /**
     * What the whole period's reports read from Elasticsearch once, rather than once per agency:
     * its production gateway usage and the uptime of every checked system.
     */
    record Sources(List<GatewayUsage.Row> usage, Map<String, Double> uptime) {
    }

    Sources sources(ReportPeriod period) {
        List<GatewayUsage.Row> usage = gateway.usage(period.from(), period.to(), null, null).stream()
                .filter(row -> PRODUCTION.equals(row.environment())).toList();
        return new Sources(usage, status.uptimeBetween(null, period.from(), period.to()));
    }

    /** Agencies with something to report in the period: a system, a service, a grant, exchanges or gateway calls. */
    List<String> agencies(ReportPeriod period, Sources sources) {
        TreeSet<String> codes = new TreeSet<>(agencyRegistry.connectedAgencies());
        codes.addAll(catalog.providersInUse());
        codes.addAll(catalog.productionConsumers());
        codes.addAll(exchanges.partiesBetween(period.from(), period.to()));
        for (GatewayUsage.Row row : sources.usage()) {
            if (row.consumer() != null) {
                codes.add(row.consumer());
            }
            if (row.provider() != null) {
                codes.add(row.provider());
            }
        }
        // only agencies of the registry get a report of their own
        codes.retainAll(agencyRegistry.codes());
        return List.copyOf(codes);
    }

    ReportFigures compile(ReportPeriod period, String agency, Instant now, Sources sources) {
        Instant from = period.from();
        Instant to = period.to();
        String name = agency == null ? "Toàn thành phố"
                : agencyRegistry.name(agency).orElse(agency);
        long systems = agencyRegistry.connectedSystems(agency);
        long provided = catalog.servicesInUse(agency);
        long consumed = catalog.servicesConsumedInProduction(agency);

        ExchangeFigures.StatusCounts exchangeCounts = exchanges.counts(agency, from, to, now);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long exchangeTotal = 0;
        for (Map.Entry<ExchangeStatus, Long> e : exchangeCounts.byStatus().entrySet()) {
            byStatus.put(e.getKey().name(), e.getValue());
            exchangeTotal += e.getValue();
        }

        long made = 0;
        long madeFailed = 0;
        long served = 0;
        long servedFailed = 0;
        for (GatewayUsage.Row row : sources.usage()) {
            if (agency == null || agency.equals(row.consumer())) {
                made += row.calls();
                madeFailed += row.failed();
            }
            if (agency == null || agency.equals(row.provider())) {
                served += row.calls();
                servedFailed += row.failed();
            }
        }

        TransactionFigures.Overview overview = transactions.overview(TransactionFigures.Filter.period(from, to, agency));
        Double uptime = agency == null
                ? (sources.uptime().isEmpty() ? null
                        : sources.uptime().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                : sources.uptime().get(agency);

        ConnectionFigures.IncidentFigures incidents = connections.incidents(from, to, agency);

        StringBuilder settled = new StringBuilder();
        for (String month : period.monthCodes()) {
            String outcome = reconciliations.find(month).map(p -> switch (p.status()) {
                case CLOSED -> p.outcome() == null ? "đã đối soát" : p.outcome();
                case SETTLING -> "đang đối soát chênh lệch";
                case OPEN -> "đang chờ các bên gửi số liệu";
            }).orElse("chưa đối soát");
            settled.append(settled.isEmpty() ? "" : "; ").append("tháng ").append(month).append(": ").append(outcome);
        }

        return new ReportFigures(period.code(), period.title(), agency, name, from, to, systems, provided, consumed,
                byStatus, exchangeTotal, made, madeFailed, served, servedFailed, overview.total(), overview.failed(),
                overview.successRate(), uptime, incidents.opened(), incidents.resolved(), incidents.meanHours(),
                incidents.maxHours(), settled.toString());
    }
}
