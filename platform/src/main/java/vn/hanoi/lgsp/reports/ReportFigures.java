package vn.hanoi.lgsp.reports;

import java.time.Instant;
import java.util.Map;

/**
 * What a periodic report states (R-21, Đ16.13) for one agency or the city (agency null):
 * counts and rates only, never content or personal data.
 */
public record ReportFigures(String period, String periodTitle, String agency, String agencyName, Instant from,
                            Instant to, long connectedSystems, long servicesProvided, long servicesConsumed,
                            Map<String, Long> exchangesByStatus, long exchanges, long gatewayCallsMade,
                            long gatewayCallsMadeFailed, long gatewayCallsServed, long gatewayCallsServedFailed,
                            long transactions, long transactionsFailed, Double successRate, Double uptime,
                            long incidents, long incidentsResolved, Double meanHoursToFix, Double maxHoursToFix,
                            String reconciliation) {
}
