package vn.hanoi.lgsp.privacy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.identity.CitizenNames;
import vn.hanoi.lgsp.reports.PdfPages;
import vn.hanoi.lgsp.reports.ReportSettings;

/** The citizen's list as a document they can keep or hand to a lawyer: one block per entry. */
@Component
class DataUsePdf {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ReportSettings fonts;

    DataUsePdf(ReportSettings fonts) {
        this.fonts = fonts;
    }

    byte[] render(String name, String identifier, CitizenDataUse.Period period, List<DataUseEntry> entries) {
        String title = "Thông tin sử dụng dữ liệu cá nhân";
        try (PdfPages pages = new PdfPages(fonts, title + " — " + name, "LGSP Hà Nội")) {
            pages.line(true, 10, "UBND THÀNH PHỐ HÀ NỘI — NỀN TẢNG TÍCH HỢP, CHIA SẺ DỮ LIỆU (LGSP)").gap(14);
            pages.line(true, 15, title.toUpperCase(java.util.Locale.forLanguageTag("vi-VN"))).gap(6);
            pages.line(false, 11, "Chủ thể dữ liệu: " + name + " — số định danh " + CitizenNames.masked(identifier));
            pages.line(false, 11, "Từ ngày " + DAY.format(period.from()) + " đến hết ngày " + DAY.format(period.to()));
            pages.line(false, 11, "Số lượt sử dụng: " + entries.size()).gap(12);
            int n = 0;
            for (DataUseEntry entry : entries) {
                pages.line(true, 10.5f, (++n) + ". " + DataUseReports.SHOWN.format(entry.at()) + " — "
                        + entry.kind().label());
                pages.row("Cơ quan", entry.agencyName() + " (" + entry.agencyCode() + ")", 120, 10);
                pages.row("Dịch vụ, thủ tục", text(entry.serviceName()), 120, 10);
                pages.row("Mục đích", text(entry.purpose()), 120, 10);
                pages.row("Cán bộ", text(entry.officer()), 120, 10);
                pages.row("Kết quả", entry.succeeded() ? "Thành công" : "Không thành công", 120, 10);
                pages.row("Mã tra soát", entry.reference(), 120, 10);
                pages.gap(6);
            }
            pages.gap(12);
            pages.line(false, 9, "Lập lúc " + DataUseReports.SHOWN.format(Instant.now()) + " từ nhật ký của LGSP Hà Nội "
                    + "(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Nghị định 13/2023/NĐ-CP). Số định danh không được lưu "
                    + "dưới dạng rõ; nội dung dữ liệu không được lưu.");
            return pages.toBytes();
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
