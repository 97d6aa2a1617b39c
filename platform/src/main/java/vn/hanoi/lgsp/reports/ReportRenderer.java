package vn.hanoi.lgsp.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * A report as people read it (PDF, with its Vietnamese font embedded so diacritics survive any
 * reader) and as they compute with it (XLSX: one row per figure, a stable key, a number).
 */
@Component
class ReportRenderer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ReportPeriod.HANOI);
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    /** One figure: its key in the spreadsheet, its label, its number (or text when it has none). */
    record Item(String key, String label, Double number, String text) {
        String shown() {
            if (text != null) {
                return text;
            }
            if (number == null) {
                return "—";
            }
            NumberFormat format = NumberFormat.getNumberInstance(VIETNAMESE);
            format.setMaximumFractionDigits(2);
            return format.format(number);
        }
    }

    private final ReportSettings fonts;

    ReportRenderer(ReportSettings fonts) {
        this.fonts = fonts;
    }

    static List<Item> items(ReportFigures f) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("connectedSystems", "Hệ thống thông tin đã kết nối", (double) f.connectedSystems(), null));
        items.add(new Item("servicesProvided", "Dịch vụ đang cung cấp qua LGSP", (double) f.servicesProvided(), null));
        items.add(new Item("servicesConsumed", "Dịch vụ đang khai thác (môi trường chính thức)", (double) f.servicesConsumed(), null));
        items.add(new Item("exchanges", "Hồ sơ điện tử trao đổi trong kỳ", (double) f.exchanges(), null));
        f.exchangesByStatus().forEach((status, n) -> items.add(new Item("exchanges." + status,
                "   trong đó " + EXCHANGE_STATUS.getOrDefault(status, status), (double) n, null)));
        items.add(new Item("gatewayCallsMade", "Lượt gọi dịch vụ qua cổng (khai thác)", (double) f.gatewayCallsMade(), null));
        items.add(new Item("gatewayCallsMadeFailed", "   trong đó lỗi", (double) f.gatewayCallsMadeFailed(), null));
        items.add(new Item("gatewayCallsServed", "Lượt gọi dịch vụ qua cổng (cung cấp)", (double) f.gatewayCallsServed(), null));
        items.add(new Item("gatewayCallsServedFailed", "   trong đó lỗi", (double) f.gatewayCallsServedFailed(), null));
        items.add(new Item("transactions", "Giao dịch qua LGSP", (double) f.transactions(), null));
        items.add(new Item("successRate", "Tỷ lệ giao dịch thành công (%)", percent(f.successRate()), null));
        items.add(new Item("uptime", "Thời gian hoạt động của hệ thống kết nối (%)", percent(f.uptime()), null));
        items.add(new Item("incidents", "Sự cố kết nối phát sinh", (double) f.incidents(), null));
        items.add(new Item("incidentsResolved", "   trong đó đã khắc phục", (double) f.incidentsResolved(), null));
        items.add(new Item("meanHoursToFix", "Thời gian khắc phục trung bình (giờ)", f.meanHoursToFix(), null));
        items.add(new Item("maxHoursToFix", "Thời gian khắc phục dài nhất (giờ)", f.maxHoursToFix(), null));
        items.add(new Item("reconciliation", "Kết quả đối soát", null, f.reconciliation()));
        return items;
    }

    private static final java.util.Map<String, String> EXCHANGE_STATUS = java.util.Map.of(
            "ACCEPTED", "đã tiếp nhận", "ROUTED", "đang chuyển", "DELIVERED", "đã chuyển đến", "COMPLETED", "hoàn thành",
            "FAILED", "thất bại", "EXPIRED", "quá hạn", "CANCELLED", "đã hủy");

    private static Double percent(Double share) {
        return share == null ? null : Math.round(share * 10000) / 100.0;
    }

    private static String title(ReportFigures f) {
        return "BÁO CÁO ĐỊNH KỲ " + f.periodTitle().toUpperCase(VIETNAMESE);
    }

    private static String subject(ReportFigures f) {
        return f.agency() == null ? "Toàn thành phố" : f.agencyName() + " (" + f.agency() + ")";
    }

    byte[] pdf(ReportFigures f, Instant made) {
        try (PdfPages pages = new PdfPages(fonts, title(f) + " — " + subject(f),
                "Sở Khoa học và Công nghệ Hà Nội — LGSP Hà Nội")) {
            pages.line(true, 10, "UBND THÀNH PHỐ HÀ NỘI — SỞ KHOA HỌC VÀ CÔNG NGHỆ").gap(14);
            pages.line(true, 15, "NỀN TẢNG TÍCH HỢP, CHIA SẺ DỮ LIỆU THÀNH PHỐ HÀ NỘI (LGSP)");
            pages.line(true, 15, title(f)).gap(6);
            pages.line(false, 11, "Đơn vị: " + subject(f));
            pages.line(false, 11, "Từ ngày " + DAY.format(f.from()) + " đến hết ngày " + DAY.format(f.to().minusSeconds(1)));
            pages.gap(12);
            for (Item item : items(f)) {
                pages.row(item.label(), item.shown(), 300, 10.5f);
            }
            pages.gap(18);
            pages.line(false, 9, "Lập ngày " + DAY.format(made) + " từ số liệu giám sát của LGSP (không chứa nội dung hồ sơ, "
                    + "dữ liệu cá nhân). Số liệu cổng chia sẻ chỉ gồm môi trường chính thức.");
            return pages.toBytes();
        }
    }

    byte[] xlsx(ReportFigures f) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Báo cáo");
            CellStyle header = workbook.createCellStyle();
            var boldFontStyle = workbook.createFont();
            boldFontStyle.setBold(true);
            header.setFont(boldFontStyle);
            int r = 0;
            sheet.createRow(r++).createCell(0).setCellValue(title(f));
            sheet.createRow(r++).createCell(0).setCellValue("Đơn vị: " + subject(f));
            sheet.createRow(r++).createCell(0).setCellValue("Từ ngày " + DAY.format(f.from()) + " đến hết ngày "
                    + DAY.format(f.to().minusSeconds(1)));
            r++;
            Row head = sheet.createRow(r++);
            String[] columns = {"Mã chỉ tiêu", "Chỉ tiêu", "Giá trị"};
            for (int c = 0; c < columns.length; c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(columns[c]);
                cell.setCellStyle(header);
            }
            for (Item item : items(f)) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(item.key());
                row.createCell(1).setCellValue(item.label().trim());
                if (item.number() != null) {
                    row.createCell(2).setCellValue(item.number());
                } else {
                    row.createCell(2).setCellValue(item.text() == null ? "" : item.text());
                }
            }
            sheet.setColumnWidth(0, 26 * 256);
            sheet.setColumnWidth(1, 52 * 256);
            sheet.setColumnWidth(2, 40 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report as XLSX", e);
        }
    }
}
