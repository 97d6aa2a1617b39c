package vn.hanoi.lgsp.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.exchange.ExchangeFigures;
import vn.hanoi.lgsp.exchange.ExchangeStatus;
import vn.hanoi.lgsp.monitoring.GatewayUsage;
import vn.hanoi.lgsp.monitoring.StatusHistory;
import vn.hanoi.lgsp.monitoring.TransactionFigures;
import vn.hanoi.lgsp.reconciliation.Reconciliations;

/**
 * Gathers a period's figures from where each lives: the registry and catalog (PostgreSQL),
 * exchanges (PostgreSQL), transactions, gateway calls and connection checks (Elasticsearch),
 * incidents and reconciliation (PostgreSQL).
 */
@Component
class ReportCompiler {

    private static final String PRODUCTION = "production";

    private final JdbcTemplate jdbc;
    private final ExchangeFigures exchanges;
    private final GatewayUsage gateway;
    private final TransactionFigures transactions;
    private final StatusHistory status;
    private final Reconciliations reconciliations;

    ReportCompiler(JdbcTemplate jdbc, ExchangeFigures exchanges, GatewayUsage gateway, TransactionFigures transactions,
                   StatusHistory status, Reconciliations reconciliations) {
        this.jdbc = jdbc;
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
        TreeSet<String> codes = new TreeSet<>(jdbc.queryForList("""
                select agency_code from lgsp.agency_system
                union select provider_code from lgsp.service where status in ('PUBLISHED', 'DEPRECATED')
                union select consumer_code from lgsp.access_grant where revoked_at is null and environment = 'PRODUCTION'
                union select source_code from lgsp.exchange where created_at >= ? and created_at < ?
                union select destination_code from lgsp.exchange where created_at >= ? and created_at < ?""", String.class,
                ts(period.from()), ts(period.to()), ts(period.from()), ts(period.to())));
        for (GatewayUsage.Row row : sources.usage()) {
            if (row.consumer() != null) {
                codes.add(row.consumer());
            }
            if (row.provider() != null) {
                codes.add(row.provider());
            }
        }
        // only agencies of the registry get a report of their own
        codes.retainAll(jdbc.queryForList("select code from lgsp.agency", String.class));
        return List.copyOf(codes);
    }

    ReportFigures compile(ReportPeriod period, String agency, Instant now, Sources sources) {
        Instant from = period.from();
        Instant to = period.to();
        String name = agency == null ? "Toàn thành phố"
                : jdbc.query("select name from lgsp.agency where code = ?", (rs, n) -> rs.getString(1), agency).stream()
                        .findFirst().orElse(agency);
        long systems = count("select count(*) from lgsp.agency_system" + (agency == null ? "" : " where agency_code = ?"), agency);
        long provided = count("select count(*) from lgsp.service where status in ('PUBLISHED', 'DEPRECATED')"
                + (agency == null ? "" : " and provider_code = ?"), agency);
        long consumed = count("select count(distinct (consumer_code, service_code)) from lgsp.access_grant "
                + "where revoked_at is null and environment = 'PRODUCTION'" + (agency == null ? "" : " and consumer_code = ?"),
                agency);

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

        List<Object> args = new java.util.ArrayList<>(List.of(ts(from), ts(to)));
        if (agency != null) {
            args.add(agency);
        }
        Map<String, Object> incidents = jdbc.queryForMap("""
                select count(*) as opened, count(resolved_at) as resolved,
                       avg(extract(epoch from resolved_at - opened_at) / 3600.0) as mean_hours,
                       max(extract(epoch from resolved_at - opened_at) / 3600.0) as max_hours
                  from lgsp.incident where opened_at >= ? and opened_at < ?""" + (agency == null ? "" : " and agency_code = ?"),
                args.toArray());

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
                overview.successRate(), uptime, number(incidents.get("opened")), number(incidents.get("resolved")),
                decimal(incidents.get("mean_hours")), decimal(incidents.get("max_hours")), settled.toString());
    }

    private long count(String sql, String agency) {
        Long n = agency == null ? jdbc.queryForObject(sql, Long.class) : jdbc.queryForObject(sql, Long.class, agency);
        return n == null ? 0 : n;
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
