package vn.hanoi.lgsp.watch;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.SecuritySignal;
import vn.hanoi.lgsp.reports.PdfPages;
import vn.hanoi.lgsp.reports.ReportSettings;

/**
 * The month's security report (Đ7.7, Đ12.2): the findings of each rule, the signals counted on
 * them, the LGSP's own component failures, and what is still open at the report's making; as a
 * PDF like the periodic reports.
 */
@Component
class SecurityReport {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(HANOI);
    /** Vietnamese for each rule, in the report's order. */
    static final Map<String, String> RULES = new java.util.LinkedHashMap<>();

    static {
        RULES.put(SecuritySignal.AUTH_FAILURE, "Xác thực thất bại liên tiếp từ một địa chỉ");
        RULES.put(SecuritySignal.OUTSIDE_GRANT, "Gọi dịch vụ ngoài phạm vi được cấp quyền");
        RULES.put(SecuritySignal.QUOTA_EXHAUSTED, "Vượt hạn mức gọi dịch vụ");
        RULES.put(SecuritySignal.TEST_CREDENTIAL_ON_PRODUCTION, "Dùng tài khoản thử nghiệm vào môi trường chính thức");
        RULES.put(SecuritySignal.JOURNAL_TAMPERED, "Nhật ký không còn toàn vẹn");
    }

    /** @param byRule rule → {incidents opened, signals counted on them} */
    record Figures(YearMonth month, Map<String, long[]> byRule, long healthIncidents, List<LgspIncidents.LgspIncident> open) {

        long findings() {
            return byRule.values().stream().mapToLong(v -> v[0]).sum();
        }
    }

    /** Where the month's report stands: drafted, and approved or not by whom. */
    record Approval(String status, String decidedBy, Instant decidedAt, String note) {
    }

    private final LgspIncidents incidents;
    private final ReportSettings fonts;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    SecurityReport(LgspIncidents incidents, ReportSettings fonts, org.springframework.jdbc.core.JdbcTemplate jdbc,
                   com.fasterxml.jackson.databind.ObjectMapper json) {
        this.incidents = incidents;
        this.fonts = fonts;
        this.jdbc = jdbc;
        this.json = json;
    }

    java.util.Optional<Approval> approval(YearMonth month) {
        return jdbc.query("select status, decided_by, decided_at, decision_note from lgsp.security_report where month = ?",
                (rs, n) -> new Approval(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)),
                month.toString()).stream().findFirst();
    }

    /**
     * The figures a report shows: as drafted and approved when a leader approved the month, so
     * that the report reads as the leader read it; otherwise as they are now.
     */
    Figures reported(YearMonth month) {
        Figures now = figures(month);
        List<Map<String, Object>> stored = jdbc.queryForList(
                "select figures::text figures from lgsp.security_report where month = ? and status = 'APPROVED'",
                month.toString());
        if (stored.isEmpty()) {
            return now;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode figures = json.readTree((String) stored.get(0).get("figures"));
            Map<String, long[]> byRule = new java.util.TreeMap<>();
            for (String rule : RULES.keySet()) {
                if (figures.has(rule)) {
                    byRule.put(rule, new long[] {figures.path(rule).path("incidents").asLong(),
                            figures.path(rule).path("occurrences").asLong()});
                }
            }
            return new Figures(month, byRule, figures.path("healthIncidents").asLong(), now.open());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the approved security report of " + month + " is unreadable", e);
        }
    }

    Figures figures(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(HANOI).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(HANOI).toInstant();
        long health = incidents.search(LgspIncidents.Category.HEALTH, null, from, to, 10_000).size();
        List<LgspIncidents.LgspIncident> open = incidents.search(null, "OPEN", null, to, 500);
        return new Figures(month, incidents.securityCounts(from, to), health, open);
    }

    byte[] pdf(Figures f, Instant made) {
        String title = "BÁO CÁO AN TOÀN THÔNG TIN THÁNG " + f.month().getMonthValue() + "/" + f.month().getYear();
        try (PdfPages pages = new PdfPages(fonts, title, "Sở Khoa học và Công nghệ Hà Nội — LGSP Hà Nội")) {
            pages.line(true, 10, "UBND THÀNH PHỐ HÀ NỘI — SỞ KHOA HỌC VÀ CÔNG NGHỆ").gap(14);
            pages.line(true, 15, "NỀN TẢNG TÍCH HỢP, CHIA SẺ DỮ LIỆU THÀNH PHỐ HÀ NỘI (LGSP)");
            pages.line(true, 15, title).gap(4);
            pages.line(false, 11, approval(f.month()).map(a -> switch (a.status()) {
                case "APPROVED" -> "Đã được lãnh đạo Sở phê duyệt (" + a.decidedBy() + ", " + SHOWN.format(a.decidedAt()) + ")";
                case "REJECTED" -> "Lãnh đạo Sở không phê duyệt (" + a.decidedBy() + "): " + a.note();
                default -> "Dự thảo, chờ lãnh đạo Sở phê duyệt";
            }).orElse("Số liệu tại thời điểm lập, chưa qua phê duyệt")).gap(10);
            pages.line(true, 11, "1. Phát hiện về an toàn thông tin").gap(4);
            for (Map.Entry<String, String> rule : RULES.entrySet()) {
                long[] counts = f.byRule().getOrDefault(rule.getKey(), new long[] {0, 0});
                pages.row(rule.getValue(), counts[0] + " sự cố (" + counts[1] + " lần ghi nhận)", 330, 10.5f);
            }
            pages.row("Tổng số sự cố an toàn thông tin", String.valueOf(f.findings()), 330, 10.5f).gap(10);
            pages.line(true, 11, "2. Sự cố vận hành của LGSP").gap(4);
            pages.row("Thành phần của LGSP gặp sự cố", f.healthIncidents() + " sự cố", 330, 10.5f).gap(10);
            pages.line(true, 11, "3. Sự cố chưa xử lý xong khi lập báo cáo").gap(4);
            if (f.open().isEmpty()) {
                pages.line(false, 10.5f, "Không có.");
            }
            for (LgspIncidents.LgspIncident incident : f.open()) {
                pages.row(SHOWN.format(incident.openedAt()), RULES.getOrDefault(incident.rule(), incident.rule()) + " — "
                        + incident.subject() + (incident.severity() == null ? "" : " (" + incident.severity() + ")"), 120, 10);
            }
            pages.gap(18);
            pages.line(false, 9, "Lập lúc " + SHOWN.format(made) + " từ các sự cố LGSP ghi nhận (Quyết định 5918/QĐ-UBND, "
                    + "Điều 7.7, Điều 12). Không chứa dữ liệu cá nhân.");
            return pages.toBytes();
        }
    }
}
