package vn.hanoi.lgsp.portal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.notice.NoticeKind;

/**
 * How the portal writes times and states: Hanoi time whatever the server's zone, Vietnamese
 * names for the platform's codes. Templates reach it as {@code @portalFormat}.
 */
@Component("portalFormat")
public class PortalFormat {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(HANOI);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(HANOI);

    static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    public String time(Instant instant) {
        return dateTime(instant);
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    public String date(java.time.LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    public String status(VersionStatus status) {
        return switch (status) {
            case DRAFT -> "Bản nháp";
            case TEST -> "Thử nghiệm";
            case PUBLISHED -> "Chính thức";
            case DEPRECATED -> "Sắp ngừng";
            case RETIRED -> "Đã ngừng";
        };
    }

    public String classification(DataClassification classification) {
        return switch (classification) {
            case PUBLIC -> "Công khai";
            case INTERNAL -> "Nội bộ";
            case PERSONAL_DATA -> "Dữ liệu cá nhân";
            case CONFIDENTIAL -> "Mật";
        };
    }

    public String notice(NoticeKind kind) {
        return switch (kind) {
            case NEW_VERSION -> "Phiên bản mới";
            case DEPRECATION -> "Ngừng phiên bản cũ";
            case RETIREMENT -> "Hủy bỏ dịch vụ";
            case RETIRED -> "Đã ngừng cung cấp";
            case MAINTENANCE -> "Bảo trì";
            case CATEGORY_CHANGE -> "Thay đổi danh mục dùng chung";
        };
    }

    public String duration(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        return (days > 0 ? days + " ngày " : "") + hours + " giờ " + minutes + " phút";
    }
}
