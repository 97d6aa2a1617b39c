package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.simulators.NationalServices.NationalService;
import vn.hanoi.lgsp.workercontract.NdxpRecords;
import vn.hanoi.lgsp.workercontract.PostalProcess;

/**
 * The national data exchange platform (NDXP): accepts messages for other agencies, reports
 * their reception and the receiving agency's result by callback, and answers lookups in the
 * national databases: the older {@code /population} and {@code /business-registration}
 * endpoints, and the four services of {@link NationalServices} behind their gateway contexts.
 * Behind two more contexts it carries the postal service: VNPost's, relayed over HTTP to
 * VNPost's own system, and the national tracking of dossiers that travel by post. A case's
 * record to the police or social insurance is answered as {@link NationalCaseAuthorities}
 * decides; every other record is processed.
 */
public final class NdxpSimulator extends SimulatedServer {

    private static final Logger log = LoggerFactory.getLogger(NdxpSimulator.class);

    /**
     * @param port           0 picks a free port
     * @param callbackUrl    where RECEIVED and RESULT events go, read on every event (the LGSP's
     *                       address may be known only once its web server is up); {@code null}
     *                       or a {@code null} answer sends none
     * @param callbackToken  the bearer token for callbacks, asked for on every attempt
     * @param resultDelay    how long the receiving agency "works" before its result comes back
     * @param vnpost         the VNPost system NDXP relays {@link PostalProcess.Ndxp#VNPOST_CONTEXT} to,
     *                       read on every call; {@code null} or a {@code null} answer: that context
     *                       answers 503
     */
    public record Config(int port, String consumerKey, String consumerSecret, Supplier<String> callbackUrl,
            Supplier<String> callbackToken, Duration resultDelay, Supplier<VnpostLink> vnpost) {

        public Config(int port, String consumerKey, String consumerSecret, Supplier<String> callbackUrl,
                      Supplier<String> callbackToken, Duration resultDelay) {
            this(port, consumerKey, consumerSecret, callbackUrl, callbackToken, resultDelay, null);
        }

        public Config(int port, String consumerKey, String consumerSecret, String callbackUrl,
                      Supplier<String> callbackToken, Duration resultDelay) {
            this(port, consumerKey, consumerSecret, () -> callbackUrl, callbackToken, resultDelay, null);
        }

        public Config {
            Objects.requireNonNull(consumerKey, "consumerKey");
            Objects.requireNonNull(consumerSecret, "consumerSecret");
            resultDelay = resultDelay == null ? Duration.ZERO : resultDelay;
            if (resultDelay.isNegative()) {
                throw new IllegalArgumentException("resultDelay must not be negative");
            }
        }
    }

    /**
     * Where VNPost's system listens and the client credentials NDXP holds there.
     *
     * @param baseUrl for example {@code http://127.0.0.1:43125}
     */
    public record VnpostLink(String baseUrl, String consumerKey, String consumerSecret) {

        public VnpostLink {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(consumerKey, "consumerKey");
            Objects.requireNonNull(consumerSecret, "consumerSecret");
        }
    }

    /** VNPost, a state-owned company, is an NDXP member of class COM. */
    static final NationalService VNPOST = new NationalService(PostalProcess.Ndxp.VNPOST_SERVICE,
            PostalProcess.Ndxp.VNPOST_CONTEXT, "/orders", "Dịch vụ bưu chính công ích",
            "Tổng công ty Bưu điện Việt Nam");
    static final NationalService TRACKING = new NationalService(PostalProcess.Ndxp.TRACKING_SERVICE,
            PostalProcess.Ndxp.TRACKING_CONTEXT, "/ho-so/trang-thai", "Theo dõi hồ sơ của Cổng Dịch vụ công quốc gia",
            "Văn phòng Chính phủ");
    /** S10, as VNPost writes them. */
    private static final String TRACKING_NUMBER = "([A-Z]{2}[0-9]{9}[A-Z]{2})";
    /** The national bodies count ages on Vietnam's calendar, whatever the host's zone. */
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Config config;
    private final OpaqueTokens tokens;
    private final CallbackPoster poster = new CallbackPoster("NDXP");
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submissions = new ConcurrentHashMap<>();
    /** Submissions answered 202, repeats included. */
    private final Map<String, AtomicInteger> acceptedSubmissions = new ConcurrentHashMap<>();
    private final NationalDatabases nationalDatabases;
    private final VnpostRelay vnpost;
    private final DossierTracking tracking = new DossierTracking();
    private final InboundRecords inbound;
    private final NationalCategories categories = new NationalCategories();

    public NdxpSimulator(Config config) {
        super("NDXP", config.port());
        this.config = config;
        this.tokens = new OpaqueTokens("NDXP", config.consumerKey(), config.consumerSecret(), Clock.systemUTC());
        routes().add("POST", "/token", tokens::issue);
        routes().add("GET", "/status", (request, path) -> levelOneStatus("NDXP đang hoạt động"));
        controlRoute("GET", "/_sim/deliveries", (request, path) -> SimResponse.ok(new DeliveryReport(SimResponse.SUCCESS,
                DeliveryReport.of(accepted.keySet(), acceptedSubmissions))));
        // a ministry or province calling one of Hanoi's offered services, as NDXP relays it to the LGSP (Đ6.1.4.c)
        controlRoute("POST", "/_sim/relay-to-lgsp",
                new ProvinceCaller(config.callbackUrl(), config.callbackToken())::relay);
        routes().add("POST", "/exchange/messages", this::submit);
        routes().add("GET", "/population/citizens/([^/]+)", this::citizen);
        routes().add("GET", "/business-registration/enterprises/([^/]+)", this::enterprise);
        this.nationalDatabases = new NationalDatabases(tokens);
        nationalDatabases.register(routes());
        this.vnpost = new VnpostRelay(config.vnpost());
        String postal = Pattern.quote(VNPOST.context());
        routes().add("POST", postal + "/orders", nationalDatabases.gateway(VNPOST,
                (request, path) -> vnpost.relay(request, "POST", "/orders")));
        routes().add("GET", postal + "/orders/" + TRACKING_NUMBER, nationalDatabases.gateway(VNPOST,
                (request, path) -> vnpost.relay(request, "GET", "/orders/" + path.group(1))));
        // application numbers are letters and digits: they go into VNPost's path as they came
        routes().add("POST", postal + "/applications/([A-Za-z0-9_-]{1,64})/receipt", nationalDatabases.gateway(VNPOST,
                (request, path) -> vnpost.relay(request, "POST", "/applications/" + path.group(1) + "/receipt")));
        routes().add("POST", Pattern.quote(TRACKING.context()) + "/ho-so/trang-thai",
                nationalDatabases.gateway(TRACKING, tracking::report));
        controlRoute("GET", "/_sim/tracking/([^/]+)", tracking::view);
        // a ministry or another province sends a record to a Hanoi agency through NDXP
        this.inbound = new InboundRecords(() -> lgspAddress(NdxpRecords.INBOUND_PATH),
                config.callbackToken() == null ? () -> "" : config.callbackToken());
        routes().add("POST", "/exchange/messages/([A-Za-z0-9._:-]{1,100})/events",
                (request, path) -> {
                    tokens.requireBearer(request);
                    return inbound.event(request, path);
                });
        controlRoute("POST", "/_sim/inbound", inbound::sendControl);
        controlRoute("GET", "/_sim/inbound/([^/]+)", inbound::view);
        routes().add("GET", Pattern.quote(NationalCategories.SERVICE.context()) + "/danh-muc/([a-z-]{1,40})/thay-doi",
                nationalDatabases.gateway(NationalCategories.SERVICE, categories::changes));
        controlRoute("POST", "/_sim/categories/([a-z-]{1,40})", categories::publishControl);
        controlRoute("PUT", "/_sim/categories/([a-z-]{1,40})/([0-9]{1,6})", categories::replaceControl);
    }

    /** Corrects a change set already published under its version. */
    public void replaceCategoryChange(String list, int version,
                                      vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet changeSet) {
        categories.replace(list, version, changeSet);
    }

    /** Publishes a change set of a national category list; returns its version number. */
    public int publishCategoryChange(String list, vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet changeSet) {
        return categories.publish(list, changeSet);
    }

    /** A path on the LGSP, found from where callbacks go (the LGSP's address may be known only late). */
    private String lgspAddress(String path) {
        String callbacks = config.callbackUrl() == null ? null : config.callbackUrl().get();
        if (callbacks == null) {
            throw SimResponse.failure(503, "NO_LGSP", "NDXP chưa biết địa chỉ của LGSP Hà Nội").reject();
        }
        return URI.create(callbacks).resolve(path).toString();
    }

    /** A record from outside Hanoi, as its sender hands it to NDXP, delivered to the LGSP. */
    public record Inbound(String from, String messageId, String destination, String procedureCode, String text) {
    }

    /** The LGSP's answer when NDXP delivered the record: its HTTP status and body. */
    public record InboundAnswer(String messageId, int status, JsonNode answer) {
    }

    /** Delivers a record from {@code from} ({@code VN:GOV:<code>:<subsystem>}) to the LGSP now. */
    public InboundAnswer deliverToLgsp(Inbound record) {
        InboundRecords.Delivery delivery = inbound.send(new InboundRecords.Outgoing(record.from(), record.messageId(),
                record.destination(), record.procedureCode(), "text/plain", record.text(), null, null));
        return new InboundAnswer(delivery.messageId(), delivery.status(), delivery.answer());
    }

    /** What the LGSP reported for a delivered message, each kind (RECEIVED, RESULT) once with its body. */
    public Map<String, JsonNode> inboundEvents(String messageId) {
        Map<String, JsonNode> events = new java.util.LinkedHashMap<>();
        inbound.events(messageId).forEach(event -> events.put(event.event(), event.body()));
        return events;
    }

    /** Reports of this kind the LGSP sent again after the first. */
    public int inboundRepeats(String messageId, String kind) {
        return inbound.repeats(messageId, kind);
    }

    /** The states the national tracking recorded for this dossier, in order of arrival, each once. */
    public List<String> trackingStates(String dossierNumber) {
        return tracking.states(dossierNumber);
    }

    /**
     * Calls that reached the national service of this gateway context, such as
     * {@code /csdl-dan-cu/1.0}, whether or not the gateway let them through; calls turned away
     * by an injected failure never reach it.
     */
    public int nationalCalls(String context) {
        return nationalDatabases.calls(context);
    }

    /** 1 once the message was accepted as new, else 0; duplicates never count again. */
    public int deliveries(String messageId) {
        return accepted.containsKey(messageId) ? 1 : 0;
    }

    /** Every POST that carried this message id, including refused and failed ones. */
    public int submissions(String messageId) {
        AtomicInteger count = submissions.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** The decoded content as first accepted. */
    public Optional<byte[]> receivedContent(String messageId) {
        return Optional.ofNullable(accepted.get(messageId)).map(message -> message.content().clone());
    }

    OpaqueTokens tokens() {
        return tokens;
    }

    @Override
    void arrived(SimRequest request) {
        if ("POST".equals(request.method()) && "/exchange/messages".equals(request.path())) {
            request.jsonTree()
                    .map(tree -> tree.path("messageId"))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .ifPresent(id -> submissions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
        }
    }

    @Override
    void onClose() {
        poster.close();
    }

    private SimResponse submit(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        MessageRequest message = request.json(MessageRequest.class);
        String messageId = Fields.required(message.messageId(), "messageId");
        Fields.required(message.from(), "from");
        XRoadAddress to = XRoadAddress.parse(message.to(), "to");
        Fields.required(message.procedureCode(), "procedureCode");
        Fields.required(message.contentType(), "contentType");
        byte[] content = Fields.base64(message.content(), "content");
        String declared = Fields.sha256Hex(message.sha256(), "sha256", true);
        String actual = Fields.digest(content);
        if (!actual.equals(declared)) {
            log.info("NDXP refused message {}: digest mismatch", messageId);
            return SimResponse.failure(422, "INTEGRITY_FAILED", "Mã băm SHA-256 không khớp với nội dung nhận được");
        }
        String ndxpMessageId = UUID.randomUUID().toString();
        Accepted fresh = new Accepted(ndxpMessageId, to, message.procedureCode(), message.contentType(), content,
                actual);
        Accepted earlier = accepted.putIfAbsent(messageId, fresh);
        acceptedSubmissions.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
        if (earlier != null) {
            log.info("NDXP message {} is a duplicate of {}; not delivered again", messageId, earlier.ndxpMessageId());
            return SimResponse.of(202, new Acceptance(SimResponse.SUCCESS, "Đã tiếp nhận trước đó",
                    earlier.ndxpMessageId(), true));
        }
        log.info("NDXP accepted message {} as {} for {}", messageId, ndxpMessageId, to);
        report(messageId, fresh);
        return SimResponse.of(202, new Acceptance(SimResponse.SUCCESS, "Đã tiếp nhận", ndxpMessageId, false));
    }

    private void report(String messageId, Accepted message) {
        String callbackUrl = config.callbackUrl() == null ? null : config.callbackUrl().get();
        if (callbackUrl == null) {
            return;
        }
        URI callbackUri = URI.create(callbackUrl);
        Event received = new Event(messageId, message.ndxpMessageId(), "RECEIVED", message.sha256(),
                Instant.now().toString(), null);
        poster.post(callbackUri, config.callbackToken(), received, "RECEIVED callback for " + messageId)
                .thenAccept(delivered -> {
                    if (delivered) {
                        poster.later(config.resultDelay(), () -> sendResult(callbackUri, messageId, message));
                    }
                });
    }

    private void sendResult(URI callbackUri, String messageId, Accepted message) {
        NationalCaseAuthorities.Answer answer = NationalCaseAuthorities.answer(message.to().agencyCode(),
                message.procedureCode(), message.contentType(), message.content(), LocalDate.now(VIETNAM));
        // a body that gives no number of its own is known by NDXP's handle, as every result was before
        String reference = answer.reference() != null ? answer.reference()
                : message.to().agencyCode() + "/" + message.ndxpMessageId().substring(0, 8);
        if (!SimResponse.SUCCESS.equals(answer.code())) {
            log.info("NDXP: {} refused message {}: {}", message.to().agencyCode(), messageId, answer.message());
        }
        Event result = new Event(messageId, message.ndxpMessageId(), "RESULT", null, Instant.now().toString(),
                new Result(answer.code(), answer.message(), reference));
        poster.post(callbackUri, config.callbackToken(), result, "RESULT callback for " + messageId);
    }

    private SimResponse citizen(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        String citizenId = path.group(1);
        if (!NationalRegisters.CITIZEN_ID.matcher(citizenId).matches()) {
            throw Fields.invalid("Số định danh cá nhân phải gồm 12 chữ số");
        }
        return NationalRegisters.citizen(citizenId)
                .map(citizen -> SimResponse.ok(new CitizenAnswer(SimResponse.SUCCESS, "Thành công",
                        CitizenView.of(citizen))))
                .orElseGet(() -> SimResponse.failure(404, "NOT_FOUND",
                        "Không tìm thấy công dân trong Cơ sở dữ liệu quốc gia về dân cư"));
    }

    private SimResponse enterprise(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        String taxCode = path.group(1);
        if (!NationalRegisters.TAX_CODE.matcher(taxCode).matches()) {
            throw Fields.invalid("Mã số doanh nghiệp phải gồm 10 hoặc 13 chữ số");
        }
        return NationalRegisters.enterprise(taxCode)
                .map(found -> SimResponse.ok(new EnterpriseAnswer(SimResponse.SUCCESS, "Thành công",
                        EnterpriseView.of(found))))
                .orElseGet(() -> SimResponse.failure(404, "NOT_FOUND",
                        "Không tìm thấy doanh nghiệp trong Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"));
    }

    private record Accepted(String ndxpMessageId, XRoadAddress to, String procedureCode, String contentType,
            byte[] content, String sha256) {
    }

    record MessageRequest(String messageId, String from, String to, String procedureCode, String contentType,
            String content, String sha256) {
    }

    record Acceptance(String code, String message, String ndxpMessageId, boolean duplicate) {
    }

    record Event(String messageId, String ndxpMessageId, String event, String receivedSha256, String at,
            Result result) {
    }

    record Result(String code, String message, String reference) {
    }

    record CitizenAnswer(String code, String message, CitizenView citizen) {
    }

    /** The older endpoint's shape, kept as it was when the registers learnt more. */
    record CitizenView(String citizenId, String fullName, String dateOfBirth, String permanentAddress) {

        static CitizenView of(NationalRegisters.Citizen citizen) {
            return new CitizenView(citizen.citizenId(), citizen.fullName(), citizen.dateOfBirth(),
                    citizen.permanentAddress());
        }
    }

    record EnterpriseAnswer(String code, String message, EnterpriseView enterprise) {
    }

    /** The older endpoint's shape, kept as it was when the registers learnt more. */
    record EnterpriseView(String taxCode, String name, String registeredAddress, String status) {

        static EnterpriseView of(NationalRegisters.Enterprise enterprise) {
            return new EnterpriseView(enterprise.taxCode(), enterprise.name(), enterprise.registeredAddress(),
                    enterprise.status());
        }
    }
}
