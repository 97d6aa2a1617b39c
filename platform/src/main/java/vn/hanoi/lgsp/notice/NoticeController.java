package vn.hanoi.lgsp.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/** {@code GET /api/v1/notices}: public, as the portal publishes them (App1 §3.4-3.5). */
@RestController
class NoticeController {

    static final String PATH = "/api/v1/notices";
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Service and agency codes are short and plain; anything else is refused before it reaches SQL. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,60}");

    private final NoticeBoard board;

    NoticeController(NoticeBoard board) {
        this.board = board;
    }

    record NoticesResponse(String code, String message, List<Notice> notices) {
    }

    @GetMapping(PATH)
    NoticesResponse list(@RequestParam(required = false) String kind, @RequestParam(required = false) String service,
                         @RequestParam(required = false) String agency, @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to) {
        NoticeBoard.Query query = new NoticeBoard.Query(kind(kind), code("service", service), code("agency", agency),
                instant("from", from, false), instant("to", to, true));
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        List<Notice> found = board.list(query);
        return new NoticesResponse(ApiResponses.SUCCESS, found.size() + " notices", found);
    }

    private static NoticeKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return NoticeKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "kind must be one of " + List.of(NoticeKind.values()));
        }
    }

    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CODE.matcher(value.trim()).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a code of letters, digits, '.', '_' "
                    + "or '-' (at most 60)");
        }
        return value.trim();
    }

    private static Instant instant(String name, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(text.trim());
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(HANOI).toInstant();
            } catch (DateTimeParseException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a date (YYYY-MM-DD) or an instant "
                        + "(2026-07-01T00:00:00Z)");
            }
        }
    }
}
