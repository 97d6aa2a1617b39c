package vn.hanoi.lgsp.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * A reporting period in Hanoi's calendar (Đ16.13): a month {@code yyyy-MM} or a quarter
 * {@code yyyy-Qn}, from its first day at midnight to the next period's.
 */
public record ReportPeriod(String code, YearMonth firstMonth, int months) {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    public static ReportPeriod parse(String code) {
        Matcher m = code == null ? null : MONTH.matcher(code);
        if (m != null && m.matches()) {
            return new ReportPeriod(code, YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), 1);
        }
        Matcher q = code == null ? null : QUARTER.matcher(code);
        if (q != null && q.matches()) {
            int quarter = Integer.parseInt(q.group(2));
            return new ReportPeriod(code, YearMonth.of(Integer.parseInt(q.group(1)), quarter * 3 - 2), 3);
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "The period must be a month (yyyy-MM) or a quarter (yyyy-Qn)");
    }

    /** The month before {@code now}. */
    static ReportPeriod monthBefore(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(HANOI)).minusMonths(1);
        return parse(month.toString());
    }

    /** The quarter a month closes, when it closes one (March, June, September, December). */
    java.util.Optional<ReportPeriod> quarterClosed() {
        if (months != 1 || firstMonth.getMonthValue() % 3 != 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(parse(firstMonth.getYear() + "-Q" + firstMonth.getMonthValue() / 3));
    }

    public Instant from() {
        return firstMonth.atDay(1).atStartOfDay(HANOI).toInstant();
    }

    public Instant to() {
        return firstMonth.plusMonths(months).atDay(1).atStartOfDay(HANOI).toInstant();
    }

    boolean ended(Instant now) {
        return !to().isAfter(now);
    }

    /** How staff write it: "tháng 11/2026", "quý IV/2026". */
    String title() {
        if (months == 1) {
            return "tháng " + firstMonth.getMonthValue() + "/" + firstMonth.getYear();
        }
        String[] roman = {"I", "II", "III", "IV"};
        return "quý " + roman[(firstMonth.getMonthValue() - 1) / 3] + "/" + firstMonth.getYear();
    }

    /** The months it covers, {@code yyyy-MM}, as reconciliation names them. */
    java.util.List<String> monthCodes() {
        java.util.List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < months; i++) {
            codes.add(firstMonth.plusMonths(i).toString());
        }
        return codes;
    }
}
