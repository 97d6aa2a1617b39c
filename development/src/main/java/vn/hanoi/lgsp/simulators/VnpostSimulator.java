package vn.hanoi.lgsp.simulators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>
 * VNPost also collects applications from citizens ({@link #sendApplication}) and hands them to
 * the LGSP; the LGSP reports back when the competent agency has received one.
 */
public final class VnpostSimulator extends SimulatedServer {

    private static final Logger log = LoggerFactory.getLogger(VnpostSimulator.class);
    private static final Pattern PHONE = Pattern.compile("0[0-9]{9,10}");
    private static final Pattern UNIT_CODE = Pattern.compile("[0-9]{2,5}");
    private static final List<String> SERVICE_LEVELS = List.of("STANDARD", "EXPRESS");
    /** The tariff: the first 500 g, then each 500 g or part of it; EMS costs double. */
    private static final long FIRST_STEP_DONG = 22_000;
    private static final long NEXT_STEP_DONG = 5_000;
    private static final int STEP_GRAMS = 500;
    /** Collecting cash on delivery costs 1 % of the amount, at least this. */
    private static final long MIN_COD_FEE_DONG = 10_000;

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
     * @param lgspApplicationsUrl where collected applications go, read on every one; {@code null}
     *                  or a {@code null} answer sends none
     */
    public record Config(int port, String consumerKey, String consumerSecret, Duration stepDelay,
                         Supplier<String> callbacks, Supplier<String> lgspApplicationsUrl,
                         Supplier<String> registeredCallbackUrl) {

        public Config(int port, String consumerKey, String consumerSecret, Duration stepDelay,
                      Supplier<String> callbacks) {
            this(port, consumerKey, consumerSecret, stepDelay, callbacks, null, null);
        }

        public Config(int port, String consumerKey, String consumerSecret, Duration stepDelay,
                      Supplier<String> callbacks, Supplier<String> lgspApplicationsUrl) {
            this(port, consumerKey, consumerSecret, stepDelay, callbacks, lgspApplicationsUrl, null);
        }

        public Config {
            Objects.requireNonNull(consumerKey, "consumerKey");
            Objects.requireNonNull(consumerSecret, "consumerSecret");
            stepDelay = stepDelay == null ? Duration.ZERO : stepDelay;
            callbacks = callbacks == null ? () -> null : callbacks;
            lgspApplicationsUrl = lgspApplicationsUrl == null ? () -> null : lgspApplicationsUrl;
            registeredCallbackUrl = registeredCallbackUrl == null ? () -> null : registeredCallbackUrl;
        }
    }

    /**
     * A dossier a citizen handed in at a post office for an agency of the city.
     *
     * @param destination the competent agency's code
     * @param content     the dossier's document (base64 in JSON)
     * @param citizenId   the applicant's personal identification number; {@code null} when VNPost
     *                    did not take it, and then no applicant is sent
     */
    public record Application(String destination, String procedureCode, String contentType, byte[] content,
                              String citizenId, String fullName) {
    }

    /** One order as VNPost keeps it; its recipient is forgotten once it has ended. */
    private static final class Order {
        final String trackingNumber;
        final String orderNumber;
        final String agencyCode;
        final String requestHash;
        final String callbackUrl;
        final Outcome outcome;
        final long feeDong;
        final List<Map<String, Object>> history = new ArrayList<>();
        Status status;
        int deliveryAttempts;
        Map<String, Object> recipient;

        Order(String trackingNumber, OrderRequest request, String requestHash, Outcome outcome, long feeDong) {
            this.trackingNumber = trackingNumber;
            this.orderNumber = request.orderNumber();
            this.agencyCode = request.agencyCode();
            this.requestHash = requestHash;
            this.callbackUrl = request.callbackUrl();
            this.outcome = outcome;
            this.feeDong = feeDong;
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

    record Accepted(String code, String message, String trackingNumber, String orderNumber, Status status,
                    long feeDong) {
    }

    record ReceiptRequest(String exchangeId, String destination, String receivedAt) {
    }

    record ReceiptAnswer(String code, String message, String applicationNumber, boolean duplicate) {
    }

    /** An application VNPost sent on; the receipt route knows it by its number. */
    private record Sent(String applicationNumber, String trackingNumber, String destination) {
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
    /** Counted on from the clock, so a restarted simulator does not hand out numbers a platform already holds. */
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis() / 10 % 100_000_000L);
    private final Map<String, Sent> applications = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> receipts = new ConcurrentHashMap<>();
    /** Seeded from the clock, so that a restarted simulator does not reuse numbers the LGSP has seen. */
    private final AtomicLong applicationSerial = new AtomicLong(System.currentTimeMillis() / 1000 % 10_000_000_000L);
    private volatile Outcome outcome = Outcome.DELIVERED;

    public VnpostSimulator(Config config) {
        super("VNPost", config.port());
        this.config = config;
        this.tokens = new OpaqueTokens("VNPost", config.consumerKey(), config.consumerSecret(), clock);
        routes().add("POST", "/token", tokens::issue);
        routes().add("POST", "/orders", this::order);
        routes().add("GET", "/orders/([A-Z]{2}[0-9]{9}[A-Z]{2})", this::track);
        routes().add("POST", "/applications/([^/]+)/receipt", this::receipt);
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
        controlRoute("POST", "/_sim/applications", (request, path) -> {
            try {
                String number = sendApplication(request.json(Application.class));
                return SimResponse.ok(Map.of("code", SimResponse.SUCCESS, "message", "Đã gửi hồ sơ",
                        "applicationNumber", number));
            } catch (IllegalArgumentException e) {
                return SimResponse.failure(400, "VALIDATION_FAILED", e.getMessage());
            }
        });
    }

    /**
     * Sends an application collected from a citizen to the LGSP, through NDXP, retrying in the
     * background; VNPost remembers it to take the receipt the LGSP reports later.
     *
     * @return the application number VNPost gave it
     */
    public String sendApplication(Application application) {
        List<String> problems = new ArrayList<>();
        if (application.destination() == null || application.destination().isBlank()) {
            problems.add("destination là bắt buộc");
        }
        if (application.procedureCode() == null || application.procedureCode().isBlank()) {
            problems.add("procedureCode là bắt buộc");
        }
        if (application.contentType() == null || application.contentType().isBlank()) {
            problems.add("contentType là bắt buộc");
        }
        if (application.content() == null || application.content().length == 0) {
            problems.add("content là bắt buộc");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Hồ sơ không hợp lệ: " + String.join("; ", problems));
        }
        String number = "BD" + String.format("%010d", applicationSerial.incrementAndGet() % 10_000_000_000L);
        String tracking = trackingNumber(serial.incrementAndGet());
        applications.put(number, new Sent(number, tracking, application.destination()));
        byte[] content = application.content().clone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationNumber", number);
        body.put("trackingNumber", tracking);
        body.put("destination", application.destination());
        body.put("procedureCode", application.procedureCode());
        body.put("payload", Map.of("contentType", application.contentType(),
                "content", Base64.getEncoder().encodeToString(content), "sha256", hash(content)));
        if (application.citizenId() != null) {
            Map<String, Object> applicant = new LinkedHashMap<>();
            applicant.put("citizenId", application.citizenId());
            if (application.fullName() != null) {
                applicant.put("fullName", application.fullName());
            }
            body.put("applicant", applicant);
        }
        String target = config.lgspApplicationsUrl().get();
        if (target == null) {
            log.info("VNPost: application {} for {} kept; no LGSP to send it to", number, application.destination());
        } else {
            log.info("VNPost: application {} for {} sent as {}", number, application.destination(), tracking);
            poster.post(URI.create(target), config.callbacks(), body, "application " + number);
        }
        return number;
    }

    /** What the LGSP reported of the application's reception by its agency, once it did. */
    public Optional<Map<String, Object>> receiptOf(String applicationNumber) {
        return Optional.ofNullable(receipts.get(applicationNumber));
    }

    /** Orders VNPost holds for this agency's dossier: one, however often it was sent. */
    public long orders(String agencyCode, String orderNumber) {
        return byTracking.values().stream()
                .filter(o -> o.agencyCode.equals(agencyCode) && o.orderNumber.equals(orderNumber)).count();
    }

    /** Whether this agency's order for this dossier reached VNPost. */
    public boolean hasOrder(String agencyCode, String orderNumber) {
        return byOrderNumber.containsKey(agencyCode + "/" + orderNumber);
    }

    /** The outcome of orders taken from now on. */
    public void outcome(Outcome next) {
        outcome = next;
    }

    /** Orders whose recipient VNPost still holds (ended ones are forgotten). */
    public long recipientsHeld() {
        return byTracking.values().stream().filter(o -> !o.recipient.isEmpty()).count();
    }

    OpaqueTokens tokens() {
        return tokens;
    }

    @Override
    public void close() {
        poster.close();
        super.close();
    }

    private SimResponse order(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        OrderRequest asked = request.json(OrderRequest.class);
        // an order naming no callback is called back where its client registered (NDXP, for the LGSP)
        String registered = config.registeredCallbackUrl().get();
        OrderRequest order = asked.callbackUrl() != null || registered == null ? asked
                : new OrderRequest(asked.orderNumber(), asked.agencyCode(), asked.procedureCode(), asked.serviceLevel(),
                        asked.recipient(), asked.items(), asked.codAmount(), registered);
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
                        known, existing.orderNumber, existing.status, existing.feeDong));
            }
            String tracking = trackingNumber(serial.incrementAndGet());
            Order created = new Order(tracking, order, hash, outcome, fee(order));
            byTracking.put(tracking, created);
            byOrderNumber.put(key, tracking);
            record(created, Status.ACCEPTED, "Bưu điện đã tiếp nhận yêu cầu");
            log.info("VNPost: order {} accepted as {}", order.orderNumber(), tracking);
            scheduleNext(created);
            return SimResponse.of(201, new Accepted(SimResponse.SUCCESS, "Đã tiếp nhận", tracking, order.orderNumber(),
                    Status.ACCEPTED, created.feeDong));
        }
    }

    /** The LGSP reports that the competent agency received an application VNPost brought. */
    private SimResponse receipt(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        String number = path.group(1);
        if (!applications.containsKey(number)) {
            return SimResponse.failure(404, "NOT_FOUND", "Không có hồ sơ " + number + " do bưu điện chuyển đến");
        }
        ReceiptRequest receipt = request.json(ReceiptRequest.class);
        Fields.required(receipt.exchangeId(), "exchangeId");
        Fields.required(receipt.destination(), "destination");
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("exchangeId", receipt.exchangeId());
        recorded.put("destination", receipt.destination());
        recorded.put("receivedAt", receipt.receivedAt() == null ? clock.instant().toString() : receipt.receivedAt());
        // a report sent again (a retry after a timeout) changes nothing
        if (receipts.putIfAbsent(number, Collections.unmodifiableMap(recorded)) != null) {
            return SimResponse.ok(new ReceiptAnswer(SimResponse.SUCCESS, "Đã ghi nhận trước đó", number, true));
        }
        log.info("VNPost: application {} reached {}", number, receipt.destination());
        return SimResponse.ok(new ReceiptAnswer(SimResponse.SUCCESS, "Đã ghi nhận cơ quan nhận hồ sơ", number, false));
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
