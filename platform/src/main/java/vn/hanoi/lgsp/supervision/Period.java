package vn.hanoi.lgsp.supervision;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * The spans the dashboards offer: today (from midnight in Hanoi, as staff count a day), the
 * last 7 days and the last 30 days, up to now.
 */
record Period(String name, Instant from, Instant to) {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String TODAY = "today";

    static Period of(String name, Instant now) {
        String period = name == null || name.isBlank() ? TODAY : name.trim();
        return switch (period) {
            case TODAY -> new Period(period, now.atZone(HANOI).toLocalDate().atStartOfDay(HANOI).toInstant(), now);
            case "7d" -> new Period(period, now.minus(Duration.ofDays(7)), now);
            case "30d" -> new Period(period, now.minus(Duration.ofDays(30)), now);
            default -> throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "period must be today, 7d or 30d, was '" + abbreviate(period) + "'");
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
