package vn.hanoi.lgsp.reconciliation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.AgencyQueries;
import vn.hanoi.lgsp.catalog.CatalogFigures;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.GatewayUsage;

/**
 * Reconciliation of gateway calls with the partners (đối soát, App1 §3.6): for a month, per
 * provider–consumer–service, the LGSP's counts by outcome next to what the provider and the
 * consumer each report for their own side. Production calls only: test traffic is not billed
 * or settled.
 */
@Component
public class Reconciliations {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final String PRODUCTION = "production";

    public enum Status { OPEN, SETTLING, CLOSED }

    public record Counts(Long total, Long succeeded, Long failed) {
        boolean reported() {
            return total != null;
        }

        boolean sameAs(Counts other) {
            return java.util.Objects.equals(total, other.total) && java.util.Objects.equals(succeeded, other.succeeded)
                    && java.util.Objects.equals(failed, other.failed);
        }
    }

    public record Line(String provider, String consumer, String service, Counts lgsp, Counts provided, Counts consumed) {

        /** A line agrees when both sides reported exactly what the LGSP counted. */
        public boolean agrees() {
            return provided.reported() && consumed.reported() && provided.sameAs(lgsp) && consumed.sameAs(lgsp);
        }

        public String describe() {
            return provider + " → " + consumer + " · " + service + ": LGSP " + text(lgsp) + "; bên cung cấp "
                    + text(provided) + "; bên khai thác " + text(consumed);
        }

        private static String text(Counts c) {
            return c.reported() ? c.total() + " (00: " + c.succeeded() + ", 01: " + c.failed() + ")" : "chưa gửi";
        }
    }

    public record Period(String period, Status status, Instant openedAt, Instant uploadDue, String processInstanceId,
                         Integer differences, String outcome, String settledBy, Instant closedAt) {
    }

    /** What one side uploads: its own count of the calls on one line. */
    public record Report(String provider, String consumer, String service, Long total, Long succeeded, Long failed) {
    }

    private final JdbcTemplate jdbc;
    private final GatewayUsage usage;
    private final AgencyQueries agencyRegistry;
    private final CatalogFigures catalog;

    Reconciliations(JdbcTemplate jdbc, GatewayUsage usage, AgencyQueries agencyRegistry, CatalogFigures catalog) {
        this.agencyRegistry = agencyRegistry;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.usage = usage;
    }

    /** {@code yyyy-MM}, a month that has ended; anything else is refused with a reason. */
    static YearMonth month(String period, Instant now) {
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The period must be a month written yyyy-MM, e.g. 2026-11");
        }
        YearMonth month = YearMonth.parse(period);
        if (!month.isBefore(YearMonth.from(now.atZone(HANOI)))) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Only a month that has ended can be reconciled");
        }
        return month;
    }

    /** Opens the month with the LGSP's counts; a month is opened once. */
    @Transactional
    public Period open(YearMonth month, Instant uploadDue, String processInstanceId) {
        String period = month.toString();
        try {
            jdbc.update("insert into lgsp.reconciliation_period (period, status, upload_due, process_instance_id) values (?, ?, ?, ?)",
                    period, Status.OPEN.name(), Timestamp.from(uploadDue), processInstanceId);
        } catch (DuplicateKeyException e) {
            throw new ApiException(ErrorCode.DUPLICATE, "The reconciliation of " + period + " is already open");
        }
        Instant from = month.atDay(1).atStartOfDay(HANOI).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(HANOI).toInstant();
        for (GatewayUsage.Row row : usage.usage(from, to, null, null)) {
            if (!PRODUCTION.equals(row.environment()) || row.consumer() == null || row.provider() == null
                    || row.service() == null) {
                continue;
            }
            // versions of one service are settled together
            jdbc.update("""
                    insert into lgsp.reconciliation_line (period, provider, consumer, service, lgsp_total, lgsp_succeeded, lgsp_failed)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (period, provider, consumer, service) do update
                       set lgsp_total = reconciliation_line.lgsp_total + excluded.lgsp_total,
                           lgsp_succeeded = reconciliation_line.lgsp_succeeded + excluded.lgsp_succeeded,
                           lgsp_failed = reconciliation_line.lgsp_failed + excluded.lgsp_failed""",
                    period, row.provider(), row.consumer(), row.service(), row.calls(), row.succeeded(), row.failed());
        }
        return find(period).orElseThrow();
    }

    public Optional<Period> find(String period) {
        return jdbc.query("select * from lgsp.reconciliation_period where period = ?", (rs, n) -> new Period(
                rs.getString("period"), Status.valueOf(rs.getString("status")), rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("upload_due").toInstant(), rs.getString("process_instance_id"),
                (Integer) rs.getObject("differences"), rs.getString("outcome"), rs.getString("settled_by"),
                rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant()), period)
                .stream().findFirst();
    }

    /** The lines of a month; {@code agency}, when given, keeps those it provides or consumes. */
    public List<Line> lines(String period, String agency) {
        String scope = agency == null ? "" : " and (provider = ? or consumer = ?)";
        Object[] args = agency == null ? new Object[] {period} : new Object[] {period, agency, agency};
        return jdbc.query("select * from lgsp.reconciliation_line where period = ?" + scope
                + " order by provider, consumer, service", (rs, n) -> new Line(rs.getString("provider"),
                rs.getString("consumer"), rs.getString("service"),
                new Counts(rs.getLong("lgsp_total"), rs.getLong("lgsp_succeeded"), rs.getLong("lgsp_failed")),
                new Counts((Long) rs.getObject("provider_total"), (Long) rs.getObject("provider_succeeded"),
                        (Long) rs.getObject("provider_failed")),
                new Counts((Long) rs.getObject("consumer_total"), (Long) rs.getObject("consumer_succeeded"),
                        (Long) rs.getObject("consumer_failed"))), args);
    }

    /**
     * One agency's counts for its own side of each line: as provider where it provides, as
     * consumer where it consumes. Every problem is named at once; nothing is stored unless all
     * lines are right. A line the LGSP did not count is added (its LGSP counts are 0: a difference).
     *
     * @return whether every line of the month now has both sides' counts
     */
    @Transactional
    public boolean report(String period, String agency, List<Report> reports) {
        // one upload at a time per month: the last two sides cannot both miss that all is reported
        jdbc.query("select period from lgsp.reconciliation_period where period = ? for update", rs -> { }, period);
        Period open = find(period).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "No reconciliation is open for " + period));
        if (open.status() != Status.OPEN) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The reconciliation of " + period
                    + " no longer takes counts: it is " + open.status());
        }
        List<ApiError.Detail> problems = new ArrayList<>();
        if (reports == null || reports.isEmpty()) {
            problems.add(new ApiError.Detail("lines", "at least one line is needed"));
        } else if (reports.size() > ReconciliationProcess.MAX_LINES_PER_UPLOAD) {
            problems.add(new ApiError.Detail("lines", "at most " + ReconciliationProcess.MAX_LINES_PER_UPLOAD
                    + " lines per upload"));
        } else {
            java.util.Set<String> agencies = new java.util.HashSet<>();
            java.util.Set<String> services = new java.util.HashSet<>();
            for (Report r : reports) {
                if (r != null) {
                    agencies.add(agency.equals(r.provider()) ? r.consumer() : r.provider());
                    services.add(r.service());
                }
            }
            java.util.Set<String> knownAgencies = known(agencies, agencyRegistry::known);
            java.util.Set<String> knownServices = known(services, catalog::knownServices);
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i);
                check(r, agency, "lines[" + i + "]", problems);
                if (r == null) {
                    continue;
                }
                String other = agency.equals(r.provider()) ? r.consumer() : r.provider();
                if (other != null && !knownAgencies.contains(other)) {
                    problems.add(new ApiError.Detail("lines[" + i + "]", "the other side " + other
                            + " is not an agency of the registry"));
                }
                if (r.service() != null && !knownServices.contains(r.service())) {
                    problems.add(new ApiError.Detail("lines[" + i + "].service", "no service " + r.service()
                            + " in the catalog"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The counts were not taken: " + problems.size()
                    + " problem(s)", problems);
        }
        for (Report r : reports) {
            jdbc.update("insert into lgsp.reconciliation_line (period, provider, consumer, service) values (?, ?, ?, ?) "
                    + "on conflict do nothing", period, r.provider(), r.consumer(), r.service());
            if (agency.equals(r.provider())) {
                jdbc.update("""
                        update lgsp.reconciliation_line set provider_total = ?, provider_succeeded = ?, provider_failed = ?,
                               provider_reported_at = now() where period = ? and provider = ? and consumer = ? and service = ?""",
                        r.total(), r.succeeded(), r.failed(), period, r.provider(), r.consumer(), r.service());
            }
            if (agency.equals(r.consumer())) {
                jdbc.update("""
                        update lgsp.reconciliation_line set consumer_total = ?, consumer_succeeded = ?, consumer_failed = ?,
                               consumer_reported_at = now() where period = ? and provider = ? and consumer = ? and service = ?""",
                        r.total(), r.succeeded(), r.failed(), period, r.provider(), r.consumer(), r.service());
            }
        }
        Long missing = jdbc.queryForObject("select count(*) from lgsp.reconciliation_line where period = ? "
                + "and (provider_total is null or consumer_total is null)", Long.class, period);
        return missing != null && missing == 0;
    }

    private static java.util.Set<String> known(java.util.Set<String> codes,
                                               java.util.function.Function<java.util.Set<String>, java.util.Set<String>> owner) {
        codes.remove(null);
        if (codes.isEmpty()) {
            return java.util.Set.of();
        }
        return owner.apply(codes);
    }

    private static void check(Report r, String agency, String at, List<ApiError.Detail> problems) {
        if (r == null) {
            problems.add(new ApiError.Detail(at, "a line is an object with provider, consumer, service, total, succeeded, failed"));
            return;
        }
        if (blank(r.provider()) || blank(r.consumer()) || blank(r.service())) {
            problems.add(new ApiError.Detail(at, "provider, consumer and service are required"));
        } else if (!agency.equals(r.provider()) && !agency.equals(r.consumer())) {
            problems.add(new ApiError.Detail(at, "your agency " + agency + " is neither the provider nor the consumer of this line"));
        }
        if (r.total() == null || r.succeeded() == null || r.failed() == null) {
            problems.add(new ApiError.Detail(at, "total, succeeded and failed are required whole numbers"));
        } else if (r.total() < 0 || r.succeeded() < 0 || r.failed() < 0) {
            problems.add(new ApiError.Detail(at, "counts cannot be negative"));
        } else if (r.succeeded() + r.failed() != r.total()) {
            problems.add(new ApiError.Detail(at, "succeeded + failed must equal total"));
        }
        if (r.service() != null && r.service().length() > 100) {
            problems.add(new ApiError.Detail(at + ".service", "at most 100 characters"));
        }
        if (r.provider() != null && r.provider().length() > 35 || r.consumer() != null && r.consumer().length() > 35) {
            problems.add(new ApiError.Detail(at, "an agency code has at most 35 characters"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The reporting closed: every line compared. Returns the lines that differ. */
    @Transactional
    public List<Line> compare(String period) {
        List<Line> differing = lines(period, null).stream().filter(l -> !l.agrees()).toList();
        jdbc.update("update lgsp.reconciliation_period set status = ?, differences = ? where period = ?",
                (differing.isEmpty() ? Status.CLOSED : Status.SETTLING).name(), differing.size(), period);
        return differing;
    }

    /** The outcome, recorded once: what DOST settled, or that everything agreed. */
    public void close(String period, String outcome, String settledBy) {
        jdbc.update("""
                update lgsp.reconciliation_period set status = ?, outcome = ?, settled_by = ?, closed_at = now()
                 where period = ?""", Status.CLOSED.name(), outcome, settledBy, period);
    }

    /** Providers and consumers of the month's lines. */
    public List<String> partners(String period) {
        return jdbc.queryForList("select provider from lgsp.reconciliation_line where period = ? union "
                + "select consumer from lgsp.reconciliation_line where period = ? order by 1", String.class, period, period);
    }

    /** Partners that still owe counts for some line of the month. */
    public List<String> missingReports(String period) {
        return jdbc.queryForList("""
                select provider from lgsp.reconciliation_line where period = ? and provider_total is null
                union select consumer from lgsp.reconciliation_line where period = ? and consumer_total is null
                order by 1""", String.class, period, period);
    }
}
