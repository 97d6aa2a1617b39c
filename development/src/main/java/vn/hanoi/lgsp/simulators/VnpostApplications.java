package vn.hanoi.lgsp.simulators;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.simulators.VnpostSimulator.Application;

/**
 * The applications VNPost collects from citizens for the city's agencies: sent on to the LGSP
 * (through NDXP) with retries, and remembered to take the receipt the LGSP reports once the
 * competent agency has received one.
 */
final class VnpostApplications {

    private static final Logger log = LoggerFactory.getLogger(VnpostApplications.class);

    record ReceiptRequest(String exchangeId, String destination, String receivedAt) {
    }

    record ReceiptAnswer(String code, String message, String applicationNumber, boolean duplicate) {
    }

    /** An application VNPost sent on; the receipt route knows it by its number. */
    private record Sent(String applicationNumber, String trackingNumber, String destination) {
    }

    private final VnpostSimulator.Config config;
    private final OpaqueTokens tokens;
    private final CallbackPoster poster;
    private final Clock clock;
    private final Supplier<String> trackingNumbers;
    private final Map<String, Sent> applications = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> receipts = new ConcurrentHashMap<>();
    /** Seeded from the clock, so that a restarted simulator does not reuse numbers the LGSP has seen. */
    private final AtomicLong applicationSerial = new AtomicLong(System.currentTimeMillis() / 1000 % 10_000_000_000L);

    VnpostApplications(VnpostSimulator.Config config, OpaqueTokens tokens, CallbackPoster poster, Clock clock,
                       Supplier<String> trackingNumbers) {
        this.config = config;
        this.tokens = tokens;
        this.poster = poster;
        this.clock = clock;
        this.trackingNumbers = trackingNumbers;
    }

    /** Sends the application on, in the background; its application number. */
    String send(Application application) {
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
        String tracking = trackingNumbers.get();
        applications.put(number, new Sent(number, tracking, application.destination()));
        byte[] content = application.content().clone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationNumber", number);
        body.put("trackingNumber", tracking);
        body.put("destination", application.destination());
        body.put("procedureCode", application.procedureCode());
        body.put("payload", Map.of("contentType", application.contentType(),
                "content", Base64.getEncoder().encodeToString(content), "sha256", VnpostSimulator.hash(content)));
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
    Optional<Map<String, Object>> receiptOf(String applicationNumber) {
        return Optional.ofNullable(receipts.get(applicationNumber));
    }

    /** The LGSP reports that the competent agency received an application VNPost brought. */
    SimResponse receipt(SimRequest request, Matcher path) {
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
}
