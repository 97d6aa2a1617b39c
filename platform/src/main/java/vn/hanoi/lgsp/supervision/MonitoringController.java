package vn.hanoi.lgsp.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.Viewer;
import vn.hanoi.lgsp.connection.ConnectionBoard;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.exchange.ExchangeFigures;
import vn.hanoi.lgsp.exchange.ExchangeStatus;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionFigures;

/**
 * The supervisors' dashboards (R-17, R-20, Đ12.1), read only: what Cockpit's LGSP pages show
 * and any other tool may read. Every answer is narrowed to what the caller may see (Viewer).
 */
@RestController
@RequestMapping(path = "/api/v1/monitoring", produces = MediaType.APPLICATION_JSON_VALUE)
class MonitoringController {

    /** Filter values are codes and names: letters, digits and a few separators, never markup. */
    private static final Pattern FILTER_VALUE = Pattern.compile("[\\p{L}\\p{N} ._:/-]{1,100}");
    private static final int DEFAULT_LIST = 50;

    private final TransactionFigures transactions;
    private final ExchangeFigures exchanges;
    private final ConnectionBoard board;
    private final vn.hanoi.lgsp.procedure.ProcedureCases cases;
    private final vn.hanoi.lgsp.agency.AgencyRegistry agencies;
    private final FigureNames names;

    MonitoringController(TransactionFigures transactions, ExchangeFigures exchanges, ConnectionBoard board,
                         vn.hanoi.lgsp.procedure.ProcedureCases cases, vn.hanoi.lgsp.agency.AgencyRegistry agencies,
                         FigureNames names) {
        this.transactions = transactions;
        this.exchanges = exchanges;
        this.board = board;
        this.cases = cases;
        this.agencies = agencies;
        this.names = names;
    }

    /** One step of a multi-agency case: who held it, from when to when (no content). */
    record CaseStep(String agency, String agencyName, String step, String kind, Instant startedAt, Instant endedAt,
                    Long seconds, String outcome) {
    }

    /** A multi-agency case as supervisors follow it: which agency holds it now, and since when. */
    record CaseRow(String caseId, String procedure, String caseNumber, String owner, String environment, String status,
                   Instant startedAt, Instant endedAt, String heldBy, String heldByName, Instant heldSince,
                   List<CaseStep> steps) {
    }

    record Cases(String code, String message, String agency, List<CaseRow> cases) {
    }

    /** Hồ sơ liên thông: the newest cases of analysts' procedures and each agency's step in them. */
    @GetMapping("/procedure-cases")
    Cases procedureCases(@RequestParam(required = false) String agency, Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        String scope = viewer.narrow(value("agency", agency));
        List<CaseRow> rows = cases.recent(scope, 100).stream().map(this::caseRow).toList();
        return new Cases(ApiResponses.SUCCESS, rows.size() + " hồ sơ liên thông", scope, rows);
    }

    @GetMapping("/procedure-cases/{id}")
    Cases procedureCase(@PathVariable String id, Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        UUID caseId;
        try {
            caseId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No case " + id);
        }
        CaseRow row = cases.byId(caseId).map(this::caseRow)
                .filter(r -> viewer.cityWide() || r.owner().equals(viewer.agency())
                        || r.steps().stream().anyMatch(s -> s.agency().equals(viewer.agency())))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No case " + id + " is visible to you"));
        return new Cases(ApiResponses.SUCCESS, "Hồ sơ " + row.caseNumber(), viewer.agency(), List.of(row));
    }

    private CaseRow caseRow(vn.hanoi.lgsp.procedure.ProcedureCases.Case c) {
        List<CaseStep> steps = cases.steps(c.id()).stream().map(s -> new CaseStep(s.agency(), agencyName(s.agency()),
                s.step(), s.kind(), s.startedAt(), s.endedAt(),
                s.endedAt() == null ? null : Duration.between(s.startedAt(), s.endedAt()).toSeconds(),
                s.outcome())).toList();
        CaseStep open = c.endedAt() != null ? null
                : steps.stream().filter(s -> s.endedAt() == null).reduce((a, b) -> b).orElse(null);
        return new CaseRow(c.id().toString(), c.procedureKey(), c.caseNumber(), c.owner(), c.environment().name(),
                c.status(), c.startedAt(), c.endedAt(), open == null ? null : open.agency(),
                open == null ? null : open.agencyName(), open == null ? null : open.startedAt(), steps);
    }

    private String agencyName(String code) {
        return agencies.find(code).map(vn.hanoi.lgsp.agency.Agency::name).orElse(code);
    }

    record Span(String name, Instant from, Instant to) {
    }

    /** @param names the agencies' and services' names for the codes the figures carry */
    record Overview(String code, String message, Span period, String agency, TransactionFigures.Overview transactions,
                    ExchangeFigures.StatusCounts exchanges, FigureNames.Names names) {
    }

    record Transactions(String code, String message, Span period, String agency, List<TransactionDocument> transactions) {
    }

    record Exchanges(String code, String message, Span period, String agency, List<ExchangeFigures.Summary> exchanges) {
    }

    record ExchangeDetail(String code, String message, ExchangeFigures.Summary exchange, List<ExchangeFigures.Step> timeline,
                          List<TransactionDocument> documents) {
    }

    record Systems(String code, String message, Instant at, String agency, List<ConnectionBoard.SystemRow> systems) {
    }

    /** Toàn cảnh LGSP: the period's transactions and record exchanges, one request. */
    @GetMapping("/overview")
    Overview overview(@RequestParam(required = false) String period, @RequestParam(required = false) String agency,
                      Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        Instant now = Instant.now();
        Period span = Period.of(period, now);
        String scope = viewer.narrow(value("agency", agency));
        TransactionFigures.Overview figures = transactions.overview(TransactionFigures.Filter.period(span.from(), span.to(),
                scope));
        return new Overview(ApiResponses.SUCCESS, "Figures of " + span.name(), span(span), scope, figures,
                exchanges.counts(scope, span.from(), span.to(), now), names.of(figures, scope));
    }

    /** The transactions behind a figure of the overview, newest first. */
    @GetMapping("/transactions")
    Transactions transactions(@RequestParam(required = false) String period, @RequestParam(required = false) String agency,
                              @RequestParam(required = false) String source,
                              @RequestParam(required = false) String destination,
                              @RequestParam(required = false) String route, @RequestParam(required = false) String kind,
                              @RequestParam(required = false) String code, @RequestParam(required = false) String service,
                              @RequestParam(required = false) String error, @RequestParam(required = false) String limit,
                              Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        Period span = Period.of(period, Instant.now());
        String scope = viewer.narrow(value("agency", agency));
        if (code != null && !code.equals("00") && !code.equals("01")) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "code must be 00 or 01");
        }
        TransactionFigures.Filter filter = new TransactionFigures.Filter(span.from(), span.to(), scope,
                value("source", source), value("destination", destination), value("route", route), value("kind", kind),
                code, value("service", service), value("error", error), null);
        return new Transactions(ApiResponses.SUCCESS, "Transactions of " + span.name(), span(span), scope,
                transactions.list(filter, limit(limit)));
    }

    /** Record exchanges of the period, of one status, or every open one past its deadline. */
    @GetMapping("/exchanges")
    Exchanges exchanges(@RequestParam(required = false) String period, @RequestParam(required = false) String agency,
                        @RequestParam(required = false) String status, @RequestParam(required = false) String overdue,
                        @RequestParam(required = false) String limit, Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        Instant now = Instant.now();
        Period span = Period.of(period, now);
        String scope = viewer.narrow(value("agency", agency));
        ExchangeStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = ExchangeStatus.valueOf(status.trim());
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "status must be one of "
                        + java.util.Arrays.toString(ExchangeStatus.values()));
            }
        }
        boolean overdueOnly = "true".equals(overdue);
        if (overdue != null && !overdueOnly && !"false".equals(overdue)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "overdue must be true or false");
        }
        return new Exchanges(ApiResponses.SUCCESS, overdueOnly ? "Open exchanges past their deadline"
                : "Exchanges of " + span.name(), span(span), scope,
                exchanges.list(scope, wanted, overdueOnly, span.from(), span.to(), now, limit(limit)));
    }

    /** Hồ sơ: one exchange's timeline and its monitoring documents; never its content. */
    @GetMapping("/exchanges/{id}")
    ExchangeDetail exchange(@PathVariable String id, Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        UUID exchangeId;
        try {
            exchangeId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The exchange id must be a UUID");
        }
        ExchangeFigures.Timeline timeline = exchanges.timeline(exchangeId)
                .filter(t -> viewer.sees(t.exchange().source(), t.exchange().destination()))
                // another agency's exchange is answered as unknown: its existence is not theirs to learn
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No exchange " + exchangeId));
        Instant from = timeline.exchange().createdAt().minus(Duration.ofHours(1));
        List<TransactionDocument> documents = transactions.list(new TransactionFigures.Filter(from,
                Instant.now().plus(Duration.ofMinutes(1)), null, null, null, null, null, null, null, null,
                exchangeId.toString()), TransactionFigures.MAX_LIST);
        return new ExchangeDetail(ApiResponses.SUCCESS, "Exchange " + exchangeId, timeline.exchange(), timeline.steps(),
                documents);
    }

    /** Trạng thái kết nối: every connected system the viewer may see. */
    @GetMapping("/systems")
    Systems systems(@RequestParam(required = false) String agency, Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        String scope = viewer.narrow(value("agency", agency));
        Instant now = Instant.now();
        return new Systems(ApiResponses.SUCCESS, "Connected systems", now, scope, board.systems(scope, now));
    }

    private static Span span(Period period) {
        return new Span(period.name(), period.from(), period.to());
    }

    private static String value(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!FILTER_VALUE.matcher(value).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be 1 to 100 letters, digits, spaces or . _ : / -");
        }
        return value.trim();
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIST;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= TransactionFigures.MAX_LIST) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "limit must be a number from 1 to " + TransactionFigures.MAX_LIST);
    }
}
