package vn.hanoi.lgsp.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.audit.JournalUnavailableException;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * The data-sharing gateway (R-07, R-10, App1 §1.2.1–1.2.2): a consumer agency's system calls
 * {@code ANY /api/v1/gateway/{service}/{version}/**} and the LGSP authenticates, authorises
 * against the grant and the version's state, applies quotas, checks, forwards to the provider
 * with its own identity, transforms where the policy says so, and journals the call before the
 * answer leaves. Bodies are streamed, never kept (R-03).
 *
 * <p>It is entered through a filter of its own ({@link GatewayEntry}) behind the same security
 * chain as the rest of the API, not through Spring MVC: on the gateway's hot path, MVC's handler
 * lookup, argument resolution and request wrappers cost more CPU than the gateway's own work.
 */
@Component
class GatewayController {

    static final String PREFIX = "/api/v1/gateway/";
    static final String PURPOSE_HEADER = "X-LGSP-Purpose";
    static final String OFFICER_HEADER = "X-LGSP-Officer";
    static final String CONSUMER_HEADER = "X-LGSP-Consumer";

    private static final Logger log = LoggerFactory.getLogger(GatewayController.class);
    private static final Pattern SERVICE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,19}");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    /** Answers up to this size wait whole in the response buffer until the journal has committed. */
    private static final int HELD_ANSWER = 64 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    /** Never passed to the provider: the consumer's credentials, and what the LGSP sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "cookie", "host", "content-length",
            "expect", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-real-ip", "x-lgsp-transaction-id", "x-lgsp-consumer", "x-lgsp-purpose", "x-lgsp-officer",
            "x-road-client", "x-road-service", "accept-encoding");
    /** Never passed back to the consumer. */
    private static final Set<String> NOT_RETURNED = Set.of("set-cookie", "set-cookie2", "content-length",
            "x-lgsp-transaction-id", "www-authenticate", "server");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final RouteTable routes;
    private final Quotas quotas;
    private final Upstreams upstreams;
    private final AuditJournal journal;
    private final GatewaySettings settings;
    private final SubjectHash subjects;
    private final ObjectMapper json;
    private final GatewayCalls calls;

    GatewayController(RouteTable routes, Quotas quotas, Upstreams upstreams, AuditJournal journal,
                      GatewaySettings settings, SubjectHash subjects, ObjectMapper json, GatewayCalls calls) {
        this.routes = routes;
        this.quotas = quotas;
        this.upstreams = upstreams;
        this.journal = journal;
        this.settings = settings;
        this.subjects = subjects;
        this.json = json;
        this.calls = calls;
    }

    /** One call to {@code /api/v1/gateway/{service}/{version}/**}, already authenticated by the security chain. */
    void call(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // the first two segments after the prefix, as they stand in the path (checked before use)
        String[] parts = request.getRequestURI().substring(PREFIX.length()).split("/", 3);
        String service = parts[0];
        String version = parts.length > 1 ? parts[1] : "";
        GatewayCall call = new GatewayCall(TransactionIds.of(request), Instant.now(), System.nanoTime(),
                request.getMethod());
        request.setAttribute(TransactionIds.RECORDED_ATTRIBUTE, Boolean.TRUE);
        response.setBufferSize(HELD_ANSWER);
        try {
            forward(service, version, request, response, authentication, call);
        } catch (ApiException e) {
            call.failed(e.error(), e.error().status().value());
            writeFailure(request, response, e.error(), e.getMessage(), e.details());
        } catch (IOException | RuntimeException e) {
            // the consumer went away, or the answer had to be cut short: journalled all the same
            call.failed(call.error != null ? call.error : ErrorCode.INTERNAL_ERROR, call.httpStatus != 0 ? call.httpStatus : 500);
            journal.appendDurably(calls.auditEntry(call), calls.document(call));
            throw e;
        }
        try {
            journal.appendDurably(calls.auditEntry(call), calls.document(call));
        } catch (JournalUnavailableException e) {
            log.error("Gateway call {} could not be journalled; its answer is withheld", call.transactionId, e);
            if (!response.isCommitted()) {
                // nothing of the provider's answer may go out with the refusal, headers included
                response.reset();
                response.setHeader(TransactionIds.HEADER, call.transactionId);
                writeFailure(request, response, ErrorCode.INTERNAL_ERROR,
                        "The call could not be written to the LGSP's journal, so its answer is withheld; try again", List.of());
            }
        }
    }

    private void forward(String service, String version, HttpServletRequest request, HttpServletResponse response,
                         Authentication authentication, GatewayCall call) throws IOException {
        if (!SERVICE_CODE.matcher(service).matches() || !VERSION.matcher(version).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The gateway path is /api/v1/gateway/{service}/{version}/...: "
                    + "a service code of lower-case letters, digits and dashes and a version such as v1");
        }
        call.service = service;
        call.version = version;
        String remainder = remainder(request, service, version);
        List<String> segments = segments(remainder);
        AccessGrant.Environment environment = GatewayCaller.identify(AgencyCaller.of(authentication), request, call);

        Route route = routes.route(service, version).filter(r -> r.status() != VersionStatus.DRAFT)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "The LGSP catalog has no callable version " + version + " of service " + service));
        call.provider = route.provider();
        call.pathTemplate = route.contract().template(segments);
        call.route = route.policy().upstream().name();
        GatewayCaller.checkReach(route, call);
        if (route.status() == VersionStatus.RETIRED) {
            if (route.successor() != null) {
                response.setHeader("Link", successorLink(route));
            }
            throw new ApiException(ErrorCode.RETIRED, "Version " + version + " of " + service + " was retired"
                    + (route.successor() != null ? "; call version " + route.successor() + " instead" : " and has no successor"));
        }
        checkEnvironment(route, environment);
        RouteTable.Grant grant = routes.grant(call.consumer, service, version, environment)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_GRANTED, "Agency " + call.consumer + " holds no "
                        + environment + " grant for " + service + " " + version + "; ask DOST for access (Form 02)"));
        personalData(route, request, segments, call);
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        checkContentType(route, contentType, hasBody);
        long maxRequest = settings.maxRequestSize().toBytes();
        if (request.getContentLengthLong() > maxRequest) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the gateway's limit of "
                    + settings.maxRequestSize());
        }

        Quotas.Decision quota = quotas.take(call.consumer, environment, route, grant);
        if (!quota.allowed()) {
            response.setHeader("Retry-After", Long.toString(quota.retryAfterSeconds()));
            throw new ApiException(ErrorCode.RATE_LIMITED, quota.storeUnavailable()
                    ? "The quotas of " + service + " " + version + " cannot be checked at the moment; try again in "
                            + quota.retryAfterSeconds() + " s"
                    : "The " + quota.exhausted() + " quota of " + service + " " + version
                            + " is used up for this window; try again in " + quota.retryAfterSeconds() + " s");
        }

        byte[] buffered = null;
        if (route.policy().validateRequests() && route.contract().canValidate()) {
            buffered = hasBody ? readBounded(request.getInputStream(), maxRequest) : new byte[0];
            List<ApiError.Detail> problems = route.contract().problems(request.getMethod(),
                    remainder.isEmpty() ? "/" : remainder, request.getQueryString(), contentType, buffered);
            if (!problems.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The call does not match the OpenAPI document of "
                        + service + " " + version + ": " + problems.get(0).field() + " — " + problems.get(0).reason(),
                        problems);
            }
        }

        Upstreams.Target target;
        try {
            target = upstreams.resolve(route, environment, remainder, request.getQueryString());
        } catch (Upstreams.NoUpstream e) {
            throw new ApiException(ErrorCode.FORBIDDEN, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The path or query cannot be passed on as a URL");
        }
        CircuitBreaker breaker = upstreams.breaker(target);
        if (!breaker.tryAcquirePermission()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, settings.circuitBreaker().openFor().toSeconds())));
            throw new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, "The provider's system for " + service + " "
                    + version + " keeps failing; the LGSP holds calls back for a while (circuit open)");
        }
        exchange(route, target, breaker, request, response, call, buffered, hasBody);
    }

    /** Sends the call upstream and passes the answer back; every outcome is reported to the breaker. */
    private void exchange(Route route, Upstreams.Target target, CircuitBreaker breaker, HttpServletRequest request,
                          HttpServletResponse response, GatewayCall call, byte[] buffered, boolean hasBody)
            throws IOException {
        long started = System.nanoTime();
        String token;
        try {
            token = upstreams.token(target);
        } catch (RuntimeException e) {
            // Keycloak or NDXP's token endpoint refused or could not be reached
            breaker.releasePermission();
            log.warn("No outbound token for {}: {}", target.tokenClient(), e.toString());
            throw new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE,
                    "The LGSP could not obtain its credentials for the provider's system; try again shortly");
        }
        LimitedInputStream body = null;
        HttpRequest.BodyPublisher publisher;
        long maxRequest = settings.maxRequestSize().toBytes();
        if (buffered != null) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(buffered);
            call.bytesIn = buffered.length;
        } else if (hasBody) {
            body = new LimitedInputStream(request.getInputStream(), maxRequest);
            LimitedInputStream stream = body;
            HttpRequest.BodyPublisher streamed = HttpRequest.BodyPublishers.ofInputStream(() -> stream);
            long length = request.getContentLengthLong();
            publisher = length > 0 ? HttpRequest.BodyPublishers.fromPublisher(streamed, length) : streamed;
        } else {
            publisher = HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target.uri()).timeout(settings.requestTimeout())
                .method(request.getMethod(), publisher);
        copyRequestHeaders(request, upstream);
        upstream.header("Authorization", "Bearer " + token);
        upstream.header(TransactionIds.HEADER, call.transactionId);
        upstream.header(CONSUMER_HEADER, call.consumer);
        if (call.purpose != null) {
            upstream.header(PURPOSE_HEADER, headerValue(call.purpose));
            upstream.header(OFFICER_HEADER, headerValue(call.officer));
        }
        target.headers().forEach(upstream::header);

        HttpResponse<InputStream> answer;
        try {
            answer = send(upstream.build(), request.getMethod(), buffered != null || !hasBody);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            call.upstreamNanos = System.nanoTime() - started;
            throw new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, "The provider's system for " + call.service + " "
                    + call.version + " cannot be reached");
        } catch (HttpTimeoutException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            call.upstreamNanos = System.nanoTime() - started;
            throw new ApiException(ErrorCode.UPSTREAM_TIMEOUT, "The provider's system did not answer within "
                    + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            call.upstreamNanos = System.nanoTime() - started;
            if (body != null && body.exceeded()) {
                breaker.releasePermission();
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the gateway's limit of "
                        + settings.maxRequestSize());
            }
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, "The connection to the provider's system failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            throw new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, "The call was interrupted");
        }
        call.upstreamNanos = System.nanoTime() - started;
        if (body != null) {
            call.bytesIn = body.count();
        }
        int status = answer.statusCode();
        if (status == 502 || status == 503 || status == 504) {
            breaker.onError(call.upstreamNanos, TimeUnit.NANOSECONDS, new IOException("provider answered HTTP " + status));
        } else {
            breaker.onSuccess(call.upstreamNanos, TimeUnit.NANOSECONDS);
        }
        try (InputStream in = answer.body()) {
            if (status == 401) {
                upstreams.refused(target);
                throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE,
                        "The provider's system refused the LGSP's credentials; DOST has been told through monitoring");
            }
            passBack(route, answer, in, request, response, call);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, String method, boolean repeatable)
            throws IOException, InterruptedException {
        try {
            return upstreams.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            // one more try for calls that change nothing and whose body is not a consumed stream
            if (repeatable && Set.of("GET", "HEAD", "OPTIONS").contains(method)) {
                return upstreams.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            }
            throw e;
        }
    }

    private void passBack(Route route, HttpResponse<InputStream> answer, InputStream in, HttpServletRequest request,
                          HttpServletResponse response, GatewayCall call) throws IOException {
        long maxResponse = settings.maxResponseSize().toBytes();
        long declared = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxResponse) {
            throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider's answer is larger than the gateway's "
                    + "limit of " + settings.maxResponseSize());
        }
        String contentType = answer.headers().firstValue("Content-Type").orElse(null);
        int status = answer.statusCode();
        call.httpStatus = status;
        deprecation(route, response);
        XmlToJson transform = route.policy().transform();
        if (transform != null && XmlToJson.isXml(contentType) && wantsJson(request.getHeader("Accept"))) {
            byte[] xml;
            try {
                xml = readBounded(in, maxResponse);
            } catch (ApiException tooLarge) {
                throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider's answer is larger than the "
                        + "gateway's limit of " + settings.maxResponseSize());
            }
            byte[] converted;
            try {
                var envelope = transform.convert(xml);
                call.code = envelope.path("code").asText(null);
                converted = json.writeValueAsBytes(envelope);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider's XML answer could not be turned "
                        + "into JSON: " + e.getMessage());
            }
            response.setStatus(status);
            copyResponseHeaders(answer, response);
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(converted.length);
            response.getOutputStream().write(converted);
            call.bytesOut = converted.length;
            return;
        }
        response.setStatus(status);
        copyResponseHeaders(answer, response);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        if (!"HEAD".equals(request.getMethod()) && declared >= 0 && declared <= HELD_ANSWER && contentType != null
                && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            byte[] bytes = in.readNBytes((int) declared);
            // reading on to the end hands the connection back to the pool instead of closing it
            if (in.read() != -1) {
                throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider sent more than it declared");
            }
            call.code = envelopeCode(bytes);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            call.bytesOut = bytes.length;
            return;
        }
        if (declared >= 0) {
            response.setContentLengthLong(declared);
        }
        OutputStream out = response.getOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > maxResponse) {
                // the status has gone; all that is left is to cut the answer short
                call.failed(ErrorCode.BAD_UPSTREAM_RESPONSE, status);
                throw new IOException("provider answer exceeded " + settings.maxResponseSize());
            }
            out.write(chunk, 0, n);
        }
        call.bytesOut = total;
    }

    private void checkEnvironment(Route route, AccessGrant.Environment environment) {
        VersionStatus status = route.status();
        if (environment == AccessGrant.Environment.TEST
                && status != VersionStatus.TEST && status != VersionStatus.PUBLISHED) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Version " + route.version() + " of " + route.service() + " is "
                    + status + ": TEST credentials reach only versions in TEST or PUBLISHED");
        }
        if (environment == AccessGrant.Environment.PRODUCTION
                && status != VersionStatus.PUBLISHED && status != VersionStatus.DEPRECATED) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Version " + route.version() + " of " + route.service() + " is "
                    + status + ": PRODUCTION credentials reach it once it is published; use your TEST credentials");
        }
    }

    /** Decree 13/2023: who asks for personal data, and why, is on record; the subject only as a keyed hash. */
    private void personalData(Route route, HttpServletRequest request, List<String> segments, GatewayCall call) {
        if (route.classification() != DataClassification.PERSONAL_DATA) {
            return;
        }
        String purpose = headerText(request.getHeader(PURPOSE_HEADER));
        String officer = headerText(request.getHeader(OFFICER_HEADER));
        List<ApiError.Detail> missing = new ArrayList<>();
        if (purpose == null || !PRINTABLE.matcher(purpose).matches()) {
            missing.add(new ApiError.Detail(PURPOSE_HEADER, "the purpose of this look-up is required (1–200 characters, "
                    + "Vietnamese percent-encoded as UTF-8)"));
        }
        if (officer == null || !PRINTABLE.matcher(officer).matches()) {
            missing.add(new ApiError.Detail(OFFICER_HEADER,
                    "the officer on whose behalf the system asks is required (1–200 characters)"));
        }
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, route.service() + " returns personal data (Decree 13/2023): "
                    + "the call must say " + missing.stream().map(ApiError.Detail::field).toList(), missing);
        }
        call.purpose = purpose;
        call.officer = officer;
        SubjectLocator subject = route.policy().subject();
        if (subject != null) {
            String identifier;
            try {
                identifier = subject.find(segments, request.getQueryString());
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The call is ambiguous: " + e.getMessage(),
                        List.of(new ApiError.Detail(subject.toString(), e.getMessage())));
            }
            call.subjectHash = identifier == null ? null : subjects.hash(identifier);
        }
    }

    /**
     * HTTP header values are ASCII, so Vietnamese text travels percent-encoded as UTF-8
     * ({@code Gi%E1%BA%A3i%20quy%E1%BA%BFt}); plain ASCII passes as it is.
     */
    private static String headerText(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String headerValue(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void checkContentType(Route route, String contentType, boolean hasBody) {
        List<String> allowed = route.policy().allowedContentTypes();
        if (!hasBody || allowed.isEmpty()) {
            return;
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(type))) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, route.service() + " " + route.version()
                    + " accepts request bodies of " + allowed + ", not " + (type.isEmpty() ? "an undeclared type" : type));
        }
    }

    private void deprecation(Route route, HttpServletResponse response) {
        if (route.status() != VersionStatus.DEPRECATED) {
            return;
        }
        if (route.deprecatedAt() != null) {
            response.setHeader("Deprecation", "@" + route.deprecatedAt().getEpochSecond());
        }
        if (route.sunsetAt() != null) {
            response.setHeader("Sunset", HTTP_DATE.format(route.sunsetAt()));
        }
        if (route.successor() != null) {
            response.setHeader("Link", successorLink(route));
        }
    }

    private static String successorLink(Route route) {
        return "<" + PREFIX + route.service() + "/" + route.successor() + ">; rel=\"successor-version\"";
    }

    private static void copyRequestHeaders(HttpServletRequest request, HttpRequest.Builder upstream) {
        Set<String> named = connectionTokens(request.getHeader("Connection"));
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || NOT_FORWARDED.contains(lower) || named.contains(lower)
                    || lower.startsWith("x-road-") || lower.startsWith("x-lgsp-") || lower.startsWith("x-forwarded-")
                    || lower.startsWith("x-http-method") || lower.equals("x-method-override")
                    || lower.equals("x-original-url") || lower.equals("x-rewrite-url")) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                try {
                    upstream.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    // a header the HTTP client sets itself
                }
            }
        }
    }

    private static void copyResponseHeaders(HttpResponse<?> answer, HttpServletResponse response) {
        Set<String> named = connectionTokens(answer.headers().firstValue("Connection").orElse(null));
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || HOP_BY_HOP.contains(lower) || NOT_RETURNED.contains(lower)
                    || named.contains(lower) || lower.equals("content-type")) {
                return;
            }
            if (response.containsHeader(name)) {
                return;
            }
            values.forEach(v -> response.addHeader(name, v));
        });
    }

    private static Set<String> connectionTokens(String connection) {
        if (connection == null) {
            return Set.of();
        }
        Set<String> tokens = new java.util.HashSet<>();
        for (String token : connection.split(",")) {
            tokens.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    /** The raw path after {@code /gateway/{service}/{version}}, checked for tricks that would leave the provider's base. */
    private static String remainder(HttpServletRequest request, String service, String version) {
        String uri = request.getRequestURI();
        String prefix = PREFIX + service + "/" + version;
        if (!uri.startsWith(prefix)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The gateway path is not in its canonical form");
        }
        String rest = uri.substring(prefix.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The gateway path is not in its canonical form");
        }
        for (String segment : rest.split("/", -1)) {
            String decoded;
            try {
                decoded = java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The path has a malformed percent-encoding");
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")
                    || segment.contains(";") || decoded.chars().anyMatch(Character::isISOControl)) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The path has a segment the gateway does not pass on: "
                        + "'.', '..', encoded slashes, ';' and control characters are refused");
            }
        }
        return rest;
    }

    private static List<String> segments(String remainder) {
        List<String> segments = new ArrayList<>();
        for (String segment : remainder.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") && !a.contains("xml");
    }

    /** The {@code code} of a provider's {@code 00}/{@code 01} envelope, read without building the whole tree. */
    private static String envelopeCode(byte[] body) {
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("code".equals(name) && value == JsonToken.VALUE_STRING) {
                    String code = parser.getText();
                    return "00".equals(code) || "01".equals(code) ? code : null;
                }
                parser.skipChildren();
            }
        } catch (IOException notJson) {
            return null;
        }
        return null;
    }

    private static byte[] readBounded(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than the gateway's limit of " + max
                    + " bytes");
        }
        return bytes;
    }

    private void writeFailure(HttpServletRequest request, HttpServletResponse response, ErrorCode error, String message,
                              List<ApiError.Detail> details) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        request.setAttribute(TransactionIds.ERROR_ATTRIBUTE, error.name());
        byte[] body = json.writeValueAsBytes(ApiError.of(error, message, TransactionIds.of(request), details));
        response.setStatus(error.status().value());
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
