package vn.hanoi.lgsp.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/** Supervisors search the journal and check that it is intact (R-19, Đ13.5). */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private static final int MAX_LIMIT = 500;

    private final JdbcTemplate jdbc;
    private final JournalVerifier verifier;

    AuditController(JdbcTemplate jdbc, JournalVerifier verifier) {
        this.jdbc = jdbc;
        this.verifier = verifier;
    }

    record Entry(long seq, Instant at, String actorKind, String actor, String agencyCode, String action, String target,
                 String outcome, String transactionId, Map<String, Object> details, String hash) {
    }

    record EntriesResponse(String code, String message, List<Entry> entries, Long nextBefore) {
    }

    record VerifyResponse(String code, String message, JournalVerifier.Report report) {
    }

    /** Newest first; {@code before} pages back from a place in the chain. */
    @GetMapping("/entries")
    @PreAuthorize("hasRole('supervisor')")
    EntriesResponse search(@RequestParam(required = false) String actor,
                           @RequestParam(required = false) String agencyCode,
                           @RequestParam(required = false) String action,
                           @RequestParam(required = false) String target,
                           @RequestParam(required = false) String transactionId,
                           @RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to,
                           @RequestParam(required = false) Long before,
                           @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        StringBuilder sql = new StringBuilder("select * from lgsp.audit_journal where seq is not null");
        List<Object> args = new ArrayList<>();
        condition(sql, args, "actor = ?", actor);
        condition(sql, args, "agency_code = ?", agencyCode);
        // an action family: "http" finds http.get, http.post...
        if (action != null && !action.isBlank()) {
            sql.append(" and (action = ? or action like ?)");
            args.add(action);
            args.add(action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
        }
        condition(sql, args, "target = ?", target);
        condition(sql, args, "transaction_id = ?", transactionId);
        condition(sql, args, "at >= ?", from == null ? null : Timestamp.from(from));
        condition(sql, args, "at < ?", to == null ? null : Timestamp.from(to));
        condition(sql, args, "seq < ?", before);
        sql.append(" order by seq desc limit ?");
        args.add(limit + 1);
        List<Entry> found = jdbc.query(sql.toString(), (rs, n) -> {
            AuditEntry e = StoredEntries.entryOf(rs);
            return new Entry(rs.getLong("seq"), e.at(), e.actorKind().name(), e.actor(), e.agencyCode(), e.action(),
                    e.target(), e.outcome(), e.transactionId(), e.details(), rs.getString("entry_hash"));
        }, args.toArray());
        Long next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.get(limit - 1).seq();
        }
        return new EntriesResponse(ApiResponses.SUCCESS, found.size() + " journal entries", found, next);
    }

    @GetMapping("/verify")
    @PreAuthorize("hasRole('supervisor')")
    VerifyResponse verify() {
        JournalVerifier.Report report = verifier.verify();
        return new VerifyResponse(ApiResponses.SUCCESS, report.intact()
                ? "The journal is intact: " + report.entries() + " entries, " + report.anchors() + " signed anchors"
                : "The journal was tampered with: " + report.problems().size() + " problems found", report);
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return;
        }
        sql.append(" and ").append(clause);
        args.add(value);
    }
}
