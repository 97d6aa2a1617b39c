package vn.hanoi.lgsp.simulators;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
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

    record Tracking(String code, String message, String trackingNumber, String orderNumber, Status status,
                    List<Map<String, Object>> history) {
    }

    private final OpaqueTokens tokens;
    private final Config config;
    private final Clock clock = Clock.systemUTC();
    private final CallbackPoster poster = new CallbackPoster("VNPost");
    private final Map<String, VnpostOrder> byTracking = new ConcurrentHashMap<>();
    private final Map<String, String> byOrderNumber = new ConcurrentHashMap<>();
    /** Counted on from the clock, so a restarted simulator does not hand out numbers a platform already holds. */
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis() / 10 % 100_000_000L);
    private final VnpostApplications applications;
    private final VnpostOrderCourse course;
    private volatile Outcome outcome = Outcome.DELIVERED;

    public VnpostSimulator(Config config) {
        super("VNPost", config.port());
        this.config = config;
        this.tokens = new OpaqueTokens("VNPost", config.consumerKey(), config.consumerSecret(), clock);
        this.course = new VnpostOrderCourse(config, poster, clock);
        this.applications = new VnpostApplications(config, tokens, poster, clock,
                () -> trackingNumber(serial.incrementAndGet()));
        routes().add("POST", "/token", tokens::issue);
        routes().add("POST", "/orders", this::order);
        routes().add("GET", "/orders/([A-Z]{2}[0-9]{9}[A-Z]{2})", this::track);
        routes().add("POST", "/applications/([^/]+)/receipt", applications::receipt);
        controlRoute("POST", "/_sim/outcome", (request, path) -> {
            outcome = Outcome.valueOf(request.json(Map.class).get("outcome").toString());
            return SimResponse.ok(Map.of("outcome", outcome.name()));
        });
        controlRoute("POST", "/_sim/orders/([A-Z]{2}[0-9]{9}[A-Z]{2})/advance", (request, path) -> {
            VnpostOrder order = byTracking.get(path.group(1));
            if (order == null) {
                return SimResponse.failure(404, "NOT_FOUND", "Không có bưu gửi " + path.group(1));
            }
            return SimResponse.ok(Map.of("status", course.advance(order).name()));
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
        return applications.send(application);
    }

    /** What the LGSP reported of the application's reception by its agency, once it did. */
    public Optional<Map<String, Object>> receiptOf(String applicationNumber) {
        return applications.receiptOf(applicationNumber);
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
        List<String> problems = VnpostOrderRules.problems(order);
        if (!problems.isEmpty()) {
            return SimResponse.failure(400, "VALIDATION_FAILED", "Đơn hàng không hợp lệ: " + String.join("; ", problems));
        }
        String hash = hash(request.body());
        String key = order.agencyCode() + "/" + order.orderNumber();
        // an order sent again (a retry after a timeout) is the same order; another with the same number is refused
        synchronized (byOrderNumber) {
            String known = byOrderNumber.get(key);
            if (known != null) {
                VnpostOrder existing = byTracking.get(known);
                if (!existing.requestHash.equals(hash)) {
                    return SimResponse.failure(409, "CONFLICT", "Số hồ sơ " + order.orderNumber()
                            + " đã có đơn hàng khác: " + known);
                }
                return SimResponse.of(200, new Accepted(SimResponse.SUCCESS, "Đơn hàng đã được tiếp nhận trước đó",
                        known, existing.orderNumber, existing.status, existing.feeDong));
            }
            String tracking = trackingNumber(serial.incrementAndGet());
            VnpostOrder created = new VnpostOrder(tracking, order, hash, outcome, VnpostOrderRules.fee(order));
            byTracking.put(tracking, created);
            byOrderNumber.put(key, tracking);
            course.record(created, Status.ACCEPTED, "Bưu điện đã tiếp nhận yêu cầu");
            log.info("VNPost: order {} accepted as {}", order.orderNumber(), tracking);
            course.scheduleNext(created);
            return SimResponse.of(201, new Accepted(SimResponse.SUCCESS, "Đã tiếp nhận", tracking, order.orderNumber(),
                    Status.ACCEPTED, created.feeDong));
        }
    }

    private SimResponse track(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        VnpostOrder order = byTracking.get(path.group(1));
        if (order == null) {
            return SimResponse.failure(404, "NOT_FOUND", "Không có bưu gửi " + path.group(1));
        }
        synchronized (order) {
            return SimResponse.ok(new Tracking(SimResponse.SUCCESS, "Thành công", order.trackingNumber,
                    order.orderNumber, order.status, List.copyOf(order.history)));
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

    static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
