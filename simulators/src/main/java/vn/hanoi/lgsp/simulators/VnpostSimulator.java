package vn.hanoi.lgsp.simulators;

import java.math.BigDecimal;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VNPost's system for the public postal service (Decision 45/2016/QĐ-TTg): it takes orders to
 * carry a procedure's result to the applicant, gives each an S10 tracking number (as on
 * Vietnamese registered mail, {@code EH123456785VN}), and reports every status by callback with
 * retries: accepted, picked up at the agency, in transit, delivered — or delivery failed, tried
 * again, and either delivered or returned to the sender. No official API is public: the shapes
 * here are plausible ones (OAuth2 client credentials, JSON, the {@code 00}/{@code 01} envelope).
 * <p>
 * What happens to new orders is the simulator's {@link Outcome} (control route
 * {@code POST /_sim/outcome}); statuses move every {@code stepDelay}, or one at a time through
 * {@code POST /_sim/orders/{tracking}/advance} when the delay is zero, as tests do.
 */
public final class VnpostSimulator extends SimulatedServer {

    private static final Logger log = LoggerFactory.getLogger(VnpostSimulator.class);
    private static final Pattern PHONE = Pattern.compile("0[0-9]{9,10}");
    private static final Pattern UNIT_CODE = Pattern.compile("[0-9]{2,5}");

    /** What becomes of an order. */
    public enum Outcome {
        /** Picked up, in transit, delivered. */
        DELIVERED,
        /** The first delivery fails (nobody at home), the second succeeds. */
        FAILED_THEN_DELIVERED,
        /** Both deliveries fail; the item goes back to the agency. */
        RETURNED
    }

    public enum Status { ACCEPTED, PICKED_UP, IN_TRANSIT, DELIVERY_FAILED, DELIVERED, RETURNED }

    /**
     * @param port      0 picks a free port
     * @param stepDelay time between statuses; zero moves them only on the control route
     * @param callbacks the token the simulator's callbacks carry (VNPost's client at the LGSP's side)
     */
    public record Config(int port, String consumerKey, String consumerSecret, Duration stepDelay,
                         Supplier<String> callbacks) {

        public Config {
            Objects.requireNonNull(consumerKey, "consumerKey");
            Objects.requireNonNull(consumerSecret, "consumerSecret");
            stepDelay = stepDelay == null ? Duration.ZERO : stepDelay;
            callbacks = callbacks == null ? () -> null : callbacks;
        }
    }

    /** One order as VNPost keeps it; its recipient is forgotten once it has ended. */
    private static final class Order {
        final String trackingNumber;
        final String orderNumber;
        final String agencyCode;
        final String requestHash;
        final String callbackUrl;
        final Outcome outcome;
        final List<Map<String, Object>> history = new ArrayList<>();
        Status status;
        int deliveryAttempts;
        Map<String, Object> recipient;

        Order(String trackingNumber, OrderRequest request, String requestHash, Outcome outcome) {
            this.trackingNumber = trackingNumber;
            this.orderNumber = request.orderNumber();
            this.agencyCode = request.agencyCode();
            this.requestHash = requestHash;
            this.callbackUrl = request.callbackUrl();
            this.outcome = outcome;
            this.recipient = request.recipient() == null ? Map.of() : Map.of("name", request.recipient().name(),
                    "phone", request.recipient().phone());
        }
    }

    record Recipient(String name, String phone, String address, String provinceCode, String wardCode) {
    }

    record Item(String name, Integer weightGrams) {
    }

    record OrderRequest(String orderNumber, String agencyCode, String procedureCode, String serviceLevel,
                        Recipient recipient, List<Item> items, Object codAmount, String callbackUrl) {
    }

    record Accepted(String code, String message, String trackingNumber, String orderNumber, Status status) {
    }

    record Tracking(String code, String message, String trackingNumber, String orderNumber, Status status,
                    List<Map<String, Object>> history) {
    }

    private final OpaqueTokens tokens;
    private final Config config;
    private final Clock clock = Clock.systemUTC();
    private final CallbackPoster poster = new CallbackPoster("VNPost");
    private final Map<String, Order> byTracking = new ConcurrentHashMap<>();
    private final Map<String, String> byOrderNumber = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong(12_345_600);
    private volatile Outcome outcome = Outcome.DELIVERED;

    public VnpostSimulator(Config config) {
        super("VNPost", config.port());
        this.config = config;
        this.tokens = new OpaqueTokens("VNPost", config.consumerKey(), config.consumerSecret(), clock);
        routes().add("POST", "/token", tokens::issue);
        routes().add("POST", "/orders", this::order);
        routes().add("GET", "/orders/([A-Z]{2}[0-9]{9}[A-Z]{2})", this::track);
        controlRoute("POST", "/_sim/outcome", (request, path) -> {
            outcome = Outcome.valueOf(request.json(Map.class).get("outcome").toString());
            return SimResponse.ok(Map.of("outcome", outcome.name()));
        });
        controlRoute("POST", "/_sim/orders/([A-Z]{2}[0-9]{9}[A-Z]{2})/advance", (request, path) -> {
            Order order = byTracking.get(path.group(1));
            if (order == null) {
                return SimResponse.failure(404, "NOT_FOUND", "Không có bưu gửi " + path.group(1));
            }
            return SimResponse.ok(Map.of("status", advance(order).name()));
        });
    }

    /** The outcome of orders taken from now on. */
    public void outcome(Outcome next) {
        outcome = next;
    }

    /** Orders whose recipient VNPost still holds (ended ones are forgotten). */
    public long recipientsHeld() {
        return byTracking.values().stream().filter(o -> !o.recipient.isEmpty()).count();
    }

    @Override
    public void close() {
        poster.close();
        super.close();
    }

    private SimResponse order(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        OrderRequest order = request.json(OrderRequest.class);
        List<String> problems = problems(order);
        if (!problems.isEmpty()) {
            return SimResponse.failure(400, "VALIDATION_FAILED", "Đơn hàng không hợp lệ: " + String.join("; ", problems));
        }
        String hash = hash(request.body());
        String key = order.agencyCode() + "/" + order.orderNumber();
        // an order sent again (a retry after a timeout) is the same order; another with the same number is refused
        synchronized (byOrderNumber) {
            String known = byOrderNumber.get(key);
            if (known != null) {
                Order existing = byTracking.get(known);
                if (!existing.requestHash.equals(hash)) {
                    return SimResponse.failure(409, "CONFLICT", "Số hồ sơ " + order.orderNumber()
                            + " đã có đơn hàng khác: " + known);
                }
                return SimResponse.of(200, new Accepted(SimResponse.SUCCESS, "Đơn hàng đã được tiếp nhận trước đó",
                        known, existing.orderNumber, existing.status));
            }
            String tracking = trackingNumber(serial.incrementAndGet());
            Order created = new Order(tracking, order, hash, outcome);
            byTracking.put(tracking, created);
            byOrderNumber.put(key, tracking);
            record(created, Status.ACCEPTED, "Bưu điện đã tiếp nhận yêu cầu");
            log.info("VNPost: order {} accepted as {}", order.orderNumber(), tracking);
            scheduleNext(created);
            return SimResponse.of(201, new Accepted(SimResponse.SUCCESS, "Đã tiếp nhận", tracking, order.orderNumber(),
                    Status.ACCEPTED));
        }
    }

    private SimResponse track(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        Order order = byTracking.get(path.group(1));
        if (order == null) {
            return SimResponse.failure(404, "NOT_FOUND", "Không có bưu gửi " + path.group(1));
        }
        synchronized (order) {
            return SimResponse.ok(new Tracking(SimResponse.SUCCESS, "Thành công", order.trackingNumber,
                    order.orderNumber, order.status, List.copyOf(order.history)));
        }
    }

    private static List<String> problems(OrderRequest order) {
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
        if (order.items() == null || order.items().isEmpty()) {
            problems.add("items: ít nhất một bưu gửi");
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

    /** The next status of the order's course; an ended order stays where it is. */
    private Status advance(Order order) {
        synchronized (order) {
            Status next = switch (order.status) {
                case ACCEPTED -> Status.PICKED_UP;
                case PICKED_UP -> Status.IN_TRANSIT;
                case IN_TRANSIT -> {
                    order.deliveryAttempts++;
                    boolean fails = order.outcome == Outcome.RETURNED
                            || (order.outcome == Outcome.FAILED_THEN_DELIVERED && order.deliveryAttempts == 1);
                    yield fails ? Status.DELIVERY_FAILED : Status.DELIVERED;
                }
                case DELIVERY_FAILED -> order.deliveryAttempts >= 2 ? Status.RETURNED : Status.IN_TRANSIT;
                case DELIVERED, RETURNED -> order.status;
            };
            if (next != order.status) {
                record(order, next, switch (next) {
                    case PICKED_UP -> "Bưu điện đã nhận kết quả tại cơ quan";
                    case IN_TRANSIT -> order.deliveryAttempts == 0 ? "Đang vận chuyển" : "Phát lại lần "
                            + (order.deliveryAttempts + 1);
                    case DELIVERY_FAILED -> "Phát không thành công: người nhận vắng nhà";
                    case DELIVERED -> "Đã phát thành công";
                    case RETURNED -> "Đã chuyển hoàn về cơ quan";
                    default -> "";
                });
                scheduleNext(order);
            }
            return order.status;
        }
    }

    private void record(Order order, Status status, String note) {
        order.status = status;
        Map<String, Object> event = Map.of("status", status.name(), "at", clock.instant().toString(), "note", note);
        order.history.add(event);
        if (status == Status.DELIVERED || status == Status.RETURNED) {
            // the recipient's name and phone are needed only while the item travels
            order.recipient = Map.of();
        }
        poster.post(URI.create(order.callbackUrl), config.callbacks(), Map.of("code", SimResponse.SUCCESS,
                "trackingNumber", order.trackingNumber, "orderNumber", order.orderNumber, "status", status.name(),
                "at", event.get("at"), "note", note), "status " + status + " of " + order.trackingNumber);
    }

    private void scheduleNext(Order order) {
        if (!config.stepDelay().isZero() && order.status != Status.DELIVERED && order.status != Status.RETURNED) {
            poster.later(config.stepDelay(), () -> advance(order));
        }
    }

    /**
     * A UPU S10 number: service indicator {@code EH}, eight serial digits, the check digit
     * (weights 8 6 4 2 3 5 9 7, modulus 11), country {@code VN}.
     */
    static String trackingNumber(long serialNumber) {
        String digits = String.format("%08d", serialNumber % 100_000_000L);
        int[] weights = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return "EH" + digits + check + "VN";
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
