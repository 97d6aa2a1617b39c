package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agency's own information system at the far end of an exchange: it receives records from
 * LGSP, acknowledges them with a receipt, later reports its processing result back to LGSP,
 * takes the statuses of the results it sent by post, and answers the two connection-status
 * levels of Appendix 1 §2.3.
 */
public final class AgencySystemSimulator extends SimulatedServer {

    private static final Logger log = LoggerFactory.getLogger(AgencySystemSimulator.class);

    private static final Duration SLOW_STATUS = Duration.ofSeconds(3);
    private static final List<String> SERVICES = List.of("database", "cache", "document-store");
    private static final String FAILING_SERVICE = "document-store";

    /** What the status endpoints report. */
    public enum HealthMode {
        UP,
        /** Status answers take 3 s, longer than a monitor should wait. */
        SLOW,
        /** The document store is down: level 2 answers 503, level 1 still UP. */
        DEPENDENCY_DOWN,
        /** Level 1 answers UP without the time, as a system that does not tell its clock. */
        NO_TIME
    }

    /**
     * @param port             0 picks a free port
     * @param bearerTokenValid decides whether LGSP's token is acceptable; {@code null} accepts any
     * @param lgspBaseUrl      where results go, e.g. {@code http://127.0.0.1:8080}; read on every
     *                         result, as the LGSP's address may be known only once it is up
     * @param agencyToken      this agency's token towards LGSP, asked for on every attempt
     * @param resultDelay      time from receipt to result; negative or {@code null} posts no result
     *                         on its own
     */
    public record Config(String agencyCode, int port, Predicate<String> bearerTokenValid,
            Supplier<String> lgspBaseUrl, Supplier<String> agencyToken, Duration resultDelay) {

        public Config(String agencyCode, int port, Predicate<String> bearerTokenValid, String lgspBaseUrl,
                      Supplier<String> agencyToken, Duration resultDelay) {
            this(agencyCode, port, bearerTokenValid, () -> lgspBaseUrl, agencyToken, resultDelay);
        }

        public Config {
            Objects.requireNonNull(agencyCode, "agencyCode");
        }
    }

    private final Config config;
    private final CallbackPoster poster;
    private final Map<String, Receipt> receipts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final Map<String, String> signatures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<String> receivedIds = new CopyOnWriteArrayList<>();
    /** Pushes and inbox pick-ups answered with a receipt, repeats included: what the sender achieved. */
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private volatile java.util.concurrent.ScheduledExecutorService inboxPolling;
    private final Map<String, JsonNode> outcomes = new ConcurrentHashMap<>();
    /** Per shipment, its statuses by sequence: the LGSP may push one again after a lost answer. */
    private final Map<String, TreeMap<Long, PostalStatus>> postalStatuses = new ConcurrentHashMap<>();
    private volatile boolean autoResult = true;
    private volatile HealthMode healthMode = HealthMode.UP;

    public AgencySystemSimulator(Config config) {
        super("agency-" + config.agencyCode(), config.port());
        this.config = config;
        this.poster = new CallbackPoster(name());
        routes().add("POST", "/records", this::receive);
        routes().add("POST", "/results", this::outcome);
        routes().add("POST", "/postal-status", this::postalStatus);
        routes().add("GET", "/status", (request, path) -> status());
        routes().add("GET", "/status/services", (request, path) -> services());
        controlRoute("GET", "/_sim/deliveries", (request, path) -> SimResponse.ok(new DeliveryReport(SimResponse.SUCCESS,
                DeliveryReport.of(receipts.keySet(), accepted))));
    }

    public String agencyCode() {
        return config.agencyCode();
    }

    /** {@code false} holds results back until {@link #postResult} sends them by hand. */
    public void setAutoResult(boolean autoResult) {
        this.autoResult = autoResult;
    }

    public boolean isAutoResult() {
        return autoResult;
    }

    public void setHealthMode(HealthMode healthMode) {
        this.healthMode = Objects.requireNonNull(healthMode);
    }

    private String lgspBaseUrl() {
        return config.lgspBaseUrl() == null ? null : config.lgspBaseUrl().get();
    }

    public HealthMode healthMode() {
        return healthMode;
    }

    /** Sends a processing result for the exchange to LGSP now, retrying in the background. */
    public void postResult(String exchangeId, String code, String message) {
        Objects.requireNonNull(exchangeId, "exchangeId");
        String lgspBaseUrl = lgspBaseUrl();
        if (lgspBaseUrl == null) {
            throw new IllegalStateException(name() + " has no LGSP base URL to post results to");
        }
        URI target = URI.create(stripSlash(lgspBaseUrl) + "/api/v1/exchanges/"
                + URLEncoder.encode(exchangeId, StandardCharsets.UTF_8).replace("+", "%20") + "/result");
        ResultBody body = new ResultBody(code, message, config.agencyCode() + "/" + shortId());
        poster.post(target, config.agencyToken(), body, "result of exchange " + exchangeId);
    }

    /** 1 once the record was accepted as new, else 0. */
    public int deliveries(String exchangeId) {
        return receipts.containsKey(exchangeId) ? 1 : 0;
    }

    /**
     * Picks records up from the LGSP inbox every {@code interval}, as a system told to collect
     * what its push endpoint missed: fetch, acknowledge with the digest, result after the delay.
     */
    public synchronized void pollInbox(Duration interval) {
        if (inboxPolling != null) {
            return;
        }
        inboxPolling = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name() + "-inbox");
            t.setDaemon(true);
            return t;
        });
        inboxPolling.scheduleWithFixedDelay(this::collectInbox, interval.toMillis(), interval.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void collectInbox() {
        String base = lgspBaseUrl();
        if (base == null || !isRunning()) {
            return;
        }
        try {
            JsonNode inbox = InboxClient.get(base + "/api/v1/inbox?limit=50", config.agencyToken().get());
            for (JsonNode item : inbox.path("records")) {
                String id = item.path("exchangeId").asText();
                JsonNode record = InboxClient.get(base + "/api/v1/inbox/" + id, config.agencyToken().get());
                byte[] content = java.util.Base64.getDecoder().decode(record.path("content").asText());
                String digest = Fields.digest(content);
                InboxClient.post(base + "/api/v1/inbox/" + id + "/ack", config.agencyToken().get(),
                        Map.of("receivedSha256", digest));
                accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (receipts.putIfAbsent(id, new Receipt(id, digest, Instant.now().toString())) == null) {
                    contents.put(id, content);
                    receivedIds.add(id);
                    log.info("{} collected exchange {} from its inbox", name(), id);
                    Duration delay = config.resultDelay();
                    if (autoResult && delay != null && !delay.isNegative()) {
                        poster.later(delay, () -> postResult(id, SimResponse.SUCCESS, "Đã xử lý xong hồ sơ"));
                    }
                }
            }
        } catch (RuntimeException e) {
            log.info("{} could not collect its inbox: {}", name(), e.getMessage());
        }
    }

    /** Every POST that carried this exchange id, including refused and failed ones. */
    public int attempts(String exchangeId) {
        AtomicInteger count = attempts.get(exchangeId);
        return count == null ? 0 : count.get();
    }

    public Optional<byte[]> receivedContent(String exchangeId) {
        return Optional.ofNullable(contents.get(exchangeId)).map(byte[]::clone);
    }

    /** The source's detached JWS that came with the record, when the source signed it. */
    public Optional<String> receivedSignature(String exchangeId) {
        return Optional.ofNullable(signatures.get(exchangeId));
    }

    /** What LGSP told this system, as the source, about how an exchange ended. */
    public Optional<JsonNode> outcome(String exchangeId) {
        return Optional.ofNullable(outcomes.get(exchangeId));
    }

    /** The statuses the LGSP pushed for this shipment, in sequence order, each sequence once. */
    public List<String> postalStatuses(String shipmentId) {
        TreeMap<Long, PostalStatus> statuses = postalStatuses.get(shipmentId);
        if (statuses == null) {
            return List.of();
        }
        synchronized (statuses) {
            return statuses.values().stream().map(PostalStatus::status).toList();
        }
    }

    /** Accepted exchange ids in order of arrival. */
    public List<String> receivedExchangeIds() {
        return List.copyOf(new ArrayList<>(receivedIds));
    }

    @Override
    void arrived(SimRequest request) {
        if ("POST".equals(request.method()) && "/records".equals(request.path())) {
            request.jsonTree()
                    .map(tree -> tree.path("exchangeId"))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .ifPresent(id -> attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
        }
    }

    /**
     * The status endpoints follow the health mode and downtime, not the injected business
     * faults: a monitor polling them must not use up a failure meant for a record.
     */
    @Override
    boolean injectsFaults(SimRequest request) {
        return !request.path().startsWith("/status");
    }

    @Override
    void onClose() {
        if (inboxPolling != null) {
            inboxPolling.shutdownNow();
        }
        poster.close();
    }

    private SimResponse receive(SimRequest request, Matcher path) {
        requireBearer(request);
        RecordRequest record = request.json(RecordRequest.class);
        String exchangeId = Fields.required(record.exchangeId(), "exchangeId");
        Fields.required(record.source(), "source");
        Fields.required(record.destination(), "destination");
        Fields.required(record.procedureCode(), "procedureCode");
        Fields.required(record.contentType(), "contentType");
        byte[] content = Fields.base64(record.content(), "content");
        String declared = Fields.sha256Hex(record.sha256(), "sha256", false);
        String actual = Fields.digest(content);
        if (!actual.equals(declared)) {
            log.info("{} refused exchange {}: digest mismatch", name(), exchangeId);
            return SimResponse.failure(422, "INTEGRITY_FAILED", "Mã băm SHA-256 không khớp với nội dung hồ sơ");
        }
        Receipt fresh = new Receipt(exchangeId, actual, Instant.now().toString());
        Receipt earlier = receipts.putIfAbsent(exchangeId, fresh);
        accepted.computeIfAbsent(exchangeId, k -> new AtomicInteger()).incrementAndGet();
        if (earlier != null) {
            log.info("{} already holds exchange {}; answering its receipt again", name(), exchangeId);
            return SimResponse.ok(new ReceiptAnswer(SimResponse.SUCCESS, "Đã tiếp nhận hồ sơ", earlier, true));
        }
        contents.put(exchangeId, content);
        if (record.signature() != null) {
            signatures.put(exchangeId, record.signature());
        }
        receivedIds.add(exchangeId);
        log.info("{} received exchange {} ({} bytes)", name(), exchangeId, content.length);
        Duration delay = config.resultDelay();
        if (autoResult && delay != null && !delay.isNegative() && lgspBaseUrl() != null) {
            poster.later(delay, () -> postResult(exchangeId, SimResponse.SUCCESS, "Đã xử lý xong hồ sơ"));
        }
        return SimResponse.ok(new ReceiptAnswer(SimResponse.SUCCESS, "Đã tiếp nhận hồ sơ", fresh, false));
    }

    /** LGSP returns the outcome of an exchange this system sent: result, failure or expiry. */
    private SimResponse outcome(SimRequest request, Matcher path) {
        requireBearer(request);
        JsonNode notice = request.jsonTree().orElseThrow(() ->
                SimResponse.failure(400, "VALIDATION_FAILED", "Nội dung không phải JSON").reject());
        String exchangeId = Fields.required(notice.path("exchangeId").asText(null), "exchangeId");
        outcomes.put(exchangeId, notice);
        log.info("{} was told exchange {} ended {}", name(), exchangeId, notice.path("status").asText());
        return SimResponse.ok(Map.of("code", SimResponse.SUCCESS, "message", "Đã nhận kết quả"));
    }

    /** LGSP pushes a status of a shipment that carries one of this agency's results. */
    private SimResponse postalStatus(SimRequest request, Matcher path) {
        requireBearer(request);
        PostalStatus status = request.json(PostalStatus.class);
        List<String> problems = new ArrayList<>();
        if (status.shipmentId() == null || status.shipmentId().isBlank()) {
            problems.add("shipmentId là bắt buộc");
        }
        if (status.sequence() == null) {
            problems.add("sequence là bắt buộc");
        }
        if (status.status() == null || status.status().isBlank()) {
            problems.add("status là bắt buộc");
        }
        if (!problems.isEmpty()) {
            return SimResponse.failure(400, "VALIDATION_FAILED", "Trạng thái không hợp lệ: " + String.join("; ", problems));
        }
        TreeMap<Long, PostalStatus> statuses = postalStatuses.computeIfAbsent(status.shipmentId(), k -> new TreeMap<>());
        boolean repeat;
        synchronized (statuses) {
            repeat = statuses.putIfAbsent(status.sequence(), status) != null;
        }
        if (repeat) {
            log.info("{} already had status {} of shipment {}", name(), status.sequence(), status.shipmentId());
        } else {
            log.info("{}: shipment {} is {}", name(), status.shipmentId(), status.status());
        }
        return SimResponse.ok(new StatusAck(SimResponse.SUCCESS, "Đã nhận trạng thái", repeat));
    }

    private void requireBearer(SimRequest request) {
        requireBearer(request, config.bearerTokenValid(), true);
    }

    /** Level 1 with the time by this system's clock, off by the behaviour's clock offset if one is set. */
    private SimResponse status() {
        slowIfAsked();
        if (healthMode == HealthMode.NO_TIME) {
            return SimResponse.ok(new Status(SimResponse.SUCCESS, "Hệ thống đang hoạt động", null, "UP", null, null));
        }
        return levelOneStatus("Hệ thống đang hoạt động");
    }

    private SimResponse services() {
        slowIfAsked();
        boolean degraded = healthMode == HealthMode.DEPENDENCY_DOWN;
        List<Service> services = SERVICES.stream()
                .map(service -> new Service(service, degraded && service.equals(FAILING_SERVICE) ? "DOWN" : "UP"))
                .toList();
        if (degraded) {
            return SimResponse.of(503, new Status(SimResponse.FAILURE,
                    "Dịch vụ " + FAILING_SERVICE + " không hoạt động", "DEPENDENCY_DOWN", "DEGRADED", services,
                    behaviour().now().toString()));
        }
        return SimResponse.ok(new Status(SimResponse.SUCCESS, "Tất cả dịch vụ hoạt động bình thường", null, "UP",
                services, behaviour().now().toString()));
    }

    private void slowIfAsked() {
        if (healthMode == HealthMode.SLOW) {
            pause(SLOW_STATUS);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    record RecordRequest(String exchangeId, String source, String destination, String procedureCode,
            String contentType, String content, String sha256, String deadline, String signature) {
    }

    record Receipt(String exchangeId, String receivedSha256, String receivedAt) {
    }

    record ReceiptAnswer(String code, String message, Receipt receipt, boolean duplicate) {
    }

    record ResultBody(String code, String message, String reference) {
    }

    record PostalStatus(String shipmentId, String dossierNumber, String trackingNumber, Long sequence, String status,
            String at, String note) {
    }

    record StatusAck(String code, String message, boolean duplicate) {
    }

    record Status(String code, String message, String error, String status, List<Service> services, String time) {
    }

    record Service(String name, String status) {
    }
}
