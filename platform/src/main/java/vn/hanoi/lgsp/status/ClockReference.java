package vn.hanoi.lgsp.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.http.BoundedBody;
import vn.hanoi.lgsp.http.PeerClock;
import vn.hanoi.lgsp.platform.NationalPlatformSettings;

/**
 * The LGSP's own clock against NDXP's (Đ7.4): the time in NDXP's level-1 status answer
 * ({@code GET {lgsp.national.ndxp.url}/status}) against the midpoint of the call. Measured when
 * the status is asked for, at most once per {@code lgsp.status.clock-check-interval}, so many
 * readers cost NDXP one call per interval. Each node measures its own clock.
 */
@Component
class ClockReference {

    /** Whose clock the LGSP's is compared with. */
    static final String REFERENCE = "NDXP";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_ANSWER = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ClockReference.class);

    private final NationalPlatformSettings.Endpoint ndxp;
    private final StatusSettings settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private CompletableFuture<Long> latest;
    private Instant latestStarted;

    ClockReference(NationalPlatformSettings national, StatusSettings settings, ObjectMapper json) {
        this.ndxp = national.ndxp();
        this.settings = settings;
        this.json = json;
    }

    /**
     * The LGSP's clock minus NDXP's, in milliseconds (positive: the LGSP is ahead), the way an
     * agency system's skew is its clock minus the LGSP's; null when NDXP is not configured, did not
     * answer or gave no readable time. The last measurement while it is recent, else a new one.
     */
    synchronized CompletableFuture<Long> skewMillis() {
        Instant now = Instant.now();
        if (latest == null || latest.isDone() && !now.isBefore(latestStarted.plus(settings.clockCheckInterval()))) {
            latestStarted = now;
            latest = measure();
        }
        return latest;
    }

    private CompletableFuture<Long> measure() {
        NationalPlatformSettings.Endpoint endpoint = ndxp;
        if (endpoint == null || !endpoint.configured()) {
            return CompletableFuture.completedFuture(null);
        }
        String base = endpoint.url().endsWith("/") ? endpoint.url().substring(0, endpoint.url().length() - 1) : endpoint.url();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/status")).timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            log.warn("NDXP's status address {}/status is not a URL: {}", base, e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Instant sent = Instant.now();
        long start = System.nanoTime();
        return http.sendAsync(request, BoundedBody.ofString(MAX_ANSWER)).handle((response, failure) -> {
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
            if (failure != null || response.statusCode() != 200) {
                log.info("NDXP's clock could not be read: {}", failure != null ? failure.toString()
                        : "status answered HTTP " + response.statusCode());
                return null;
            }
            JsonNode time = parse(response.body()).path("time");
            Long ndxpAhead = time.isTextual() ? PeerClock.skewMillis(time.asText(), sent, roundTrip) : null;
            return ndxpAhead == null ? null : -ndxpAhead;
        });
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return json.missingNode();
        }
    }
}
