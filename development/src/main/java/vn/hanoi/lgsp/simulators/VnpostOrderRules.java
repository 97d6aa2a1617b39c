package vn.hanoi.lgsp.simulators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.simulators.VnpostSimulator.Item;
import vn.hanoi.lgsp.simulators.VnpostSimulator.OrderRequest;
import vn.hanoi.lgsp.simulators.VnpostSimulator.Recipient;

/** What VNPost asks of an order before it takes it, and what it charges for one. */
final class VnpostOrderRules {

    private static final Pattern PHONE = Pattern.compile("0[0-9]{9,10}");
    private static final Pattern UNIT_CODE = Pattern.compile("[0-9]{2,5}");
    private static final List<String> SERVICE_LEVELS = List.of("STANDARD", "EXPRESS");
    /** The tariff: the first 500 g, then each 500 g or part of it; EMS costs double. */
    private static final long FIRST_STEP_DONG = 22_000;
    private static final long NEXT_STEP_DONG = 5_000;
    private static final int STEP_GRAMS = 500;
    /** Collecting cash on delivery costs 1 % of the amount, at least this. */
    private static final long MIN_COD_FEE_DONG = 10_000;

    private VnpostOrderRules() {
    }

    /** Every problem of the order, in VNPost's words; none when it is taken. */
    static List<String> problems(OrderRequest order) {
        List<String> problems = new ArrayList<>();
        if (order.orderNumber() == null || order.orderNumber().isBlank()) {
            problems.add("orderNumber (số hồ sơ) là bắt buộc");
        }
        if (order.agencyCode() == null || order.agencyCode().isBlank()) {
            problems.add("agencyCode là bắt buộc");
        }
        Recipient to = order.recipient();
        if (to == null) {
            problems.add("recipient là bắt buộc");
        } else {
            if (to.name() == null || to.name().isBlank()) {
                problems.add("recipient.name là bắt buộc");
            }
            if (to.phone() == null || !PHONE.matcher(to.phone()).matches()) {
                problems.add("recipient.phone phải là số điện thoại 10–11 chữ số");
            }
            if (to.address() == null || to.address().isBlank()) {
                problems.add("recipient.address là bắt buộc");
            }
            if (to.provinceCode() == null || !UNIT_CODE.matcher(to.provinceCode()).matches()
                    || to.wardCode() == null || !UNIT_CODE.matcher(to.wardCode()).matches()) {
                problems.add("recipient.provinceCode và recipient.wardCode là mã đơn vị hành chính");
            }
        }
        if (order.serviceLevel() != null && !SERVICE_LEVELS.contains(order.serviceLevel())) {
            problems.add("serviceLevel phải là STANDARD hoặc EXPRESS");
        }
        if (order.items() == null || order.items().isEmpty()) {
            problems.add("items: ít nhất một bưu gửi");
        } else if (order.items().stream().anyMatch(i -> i == null || (i.weightGrams() != null && i.weightGrams() < 0))) {
            problems.add("items[].weightGrams không được âm");
        }
        if (order.codAmount() != null) {
            try {
                if (new BigDecimal(order.codAmount().toString()).signum() < 0) {
                    problems.add("codAmount không được âm");
                }
            } catch (NumberFormatException e) {
                problems.add("codAmount phải là số tiền (đồng)");
            }
        }
        if (order.callbackUrl() == null || !order.callbackUrl().matches("https?://.+")) {
            problems.add("callbackUrl phải là địa chỉ http(s)");
        }
        return problems;
    }

    /** What VNPost charges, in đồng, from the items' total weight and the service level. */
    static long fee(OrderRequest order) {
        long grams = order.items().stream().map(Item::weightGrams).filter(Objects::nonNull)
                .mapToLong(Integer::longValue).sum();
        long steps = Math.max(0, (grams - 1) / STEP_GRAMS);
        long carriage = FIRST_STEP_DONG + NEXT_STEP_DONG * steps;
        if ("EXPRESS".equals(order.serviceLevel())) {
            carriage *= 2;
        }
        BigDecimal cod = order.codAmount() == null ? BigDecimal.ZERO : new BigDecimal(order.codAmount().toString());
        if (cod.signum() > 0) {
            long collecting = cod.movePointLeft(2).setScale(0, RoundingMode.HALF_UP).longValue();
            carriage += Math.max(MIN_COD_FEE_DONG, collecting);
        }
        return carriage;
    }
}
