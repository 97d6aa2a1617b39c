package vn.hanoi.lgsp.privacy;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.identity.CitizenNames;

/**
 * "Ai đã dùng dữ liệu của tôi": a citizen signed in through VNeID sees every use of their data
 * the LGSP knows of, for a period, downloads it as PDF, and reports one entry as a misuse. The
 * person is the one the sign-in names, never a parameter: no one asks for another's entries.
 */
@Controller
class CitizenDataUse {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The page opens on the last three months; a period is at most a year. */
    private static final int DEFAULT_DAYS = 90;
    private static final int LONGEST_DAYS = 366;

    private final DataUseLedger ledger;
    private final DataUseReports reports;
    private final DataUsePdf pdf;

    CitizenDataUse(DataUseLedger ledger, DataUseReports reports, DataUsePdf pdf) {
        this.ledger = ledger;
        this.reports = reports;
        this.pdf = pdf;
    }

    record Period(LocalDate from, LocalDate to) {
        Instant start() {
            return from.atStartOfDay(HANOI).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(HANOI).toInstant();
        }
    }

    @GetMapping("/cong-dan/du-lieu")
    String page(@AuthenticationPrincipal OidcUser citizen, @RequestParam(name = "tu", required = false) String from,
                @RequestParam(name = "den", required = false) String to,
                @RequestParam(name = "phan-anh", required = false) String reported, Model model) {
        Period period = period(from, to);
        String identifier = citizen.getPreferredUsername();
        model.addAttribute("period", period);
        model.addAttribute("reported", reported != null);
        if (!DataUseLedger.isIdentifier(identifier)) {
            model.addAttribute("entries", List.of());
            model.addAttribute("reports", List.of());
            model.addAttribute("unknownIdentifier", true);
            return "portal/data-use";
        }
        model.addAttribute("entries", ledger.entries(identifier, period.start(), period.end()));
        model.addAttribute("reports", reports.of(ledger.subjectOf(identifier)));
        model.addAttribute("limit", DataUseLedger.LIMIT);
        model.addAttribute("shown", DataUseReports.SHOWN);
        return "portal/data-use";
    }

    @GetMapping("/cong-dan/du-lieu.pdf")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal OidcUser citizen,
                                    @RequestParam(name = "tu", required = false) String from,
                                    @RequestParam(name = "den", required = false) String to) {
        Period period = period(from, to);
        String identifier = requireIdentifier(citizen);
        byte[] document = pdf.render(CitizenNames.of(citizen), identifier, period,
                ledger.entries(identifier, period.start(), period.end()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("du-lieu-ca-nhan-" + period.from() + "-" + period.to() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document);
    }

    /** Reports one of the citizen's own entries; an entry that is not theirs is not found. */
    @PostMapping("/cong-dan/du-lieu/phan-anh")
    String report(@AuthenticationPrincipal OidcUser citizen, @RequestParam String kind, @RequestParam String reference,
                  @RequestParam String at, @RequestParam(required = false) String message) {
        String identifier = requireIdentifier(citizen);
        DataUseEntry.Kind entryKind;
        Instant when;
        try {
            entryKind = DataUseEntry.Kind.valueOf(kind);
            when = Instant.parse(at);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Không xác định được mục cần phản ánh; hãy mở lại trang "
                    + "và chọn mục trong danh sách");
        }
        DataUseEntry entry = ledger.entry(identifier, entryKind, reference, when).orElseThrow(() -> new ApiException(
                ErrorCode.NOT_FOUND, "Không có mục này trong danh sách sử dụng dữ liệu của bạn"));
        reports.open(ledger.subjectOf(identifier), entry, message);
        return "redirect:/cong-dan/du-lieu?phan-anh=da-gui";
    }

    @ExceptionHandler(ApiException.class)
    String failed(ApiException e, HttpServletResponse response, Model model) {
        response.setStatus(e.error().status().value());
        model.addAttribute("status", e.error().status().value());
        model.addAttribute("reason", e.getMessage());
        return "portal/error";
    }

    private static String requireIdentifier(OidcUser citizen) {
        String identifier = citizen.getPreferredUsername();
        if (!DataUseLedger.isIdentifier(identifier)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Tài khoản VNeID này không mang số định danh cá nhân");
        }
        return identifier;
    }

    static Period period(String from, String to) {
        LocalDate today = LocalDate.now(HANOI);
        LocalDate end;
        LocalDate start;
        try {
            end = to == null || to.isBlank() ? today : LocalDate.parse(to);
            start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-01-31");
        }
        if (end.isBefore(start)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Ngày bắt đầu phải trước ngày kết thúc");
        }
        if (start.plusDays(LONGEST_DAYS).isBefore(end)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Mỗi lần xem tối đa " + LONGEST_DAYS + " ngày");
        }
        return new Period(start, end);
    }
}
