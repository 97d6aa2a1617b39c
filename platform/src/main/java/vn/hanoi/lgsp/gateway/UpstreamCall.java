package vn.hanoi.lgsp.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * The second step of a gateway call: to the provider with the LGSP's own identity, behind the
 * provider's circuit breaker. Every outcome is reported to the breaker; the provider's answer
 * comes back unread.
 */
@Component
class UpstreamCall {

    static final String CONSUMER_HEADER = "X-LGSP-Consumer";
    private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Upstreams upstreams;
    private final GatewaySettings settings;

    UpstreamCall(Upstreams upstreams, GatewaySettings settings) {
        this.upstreams = upstreams;
        this.settings = settings;
    }

    /** The provider's answer, its body still to be read; refused when the provider cannot be asked. */
    HttpResponse<InputStream> send(Admission.Admitted admitted, HttpServletRequest request, HttpServletResponse response,
                                   GatewayCall call) throws IOException {
        Upstreams.Target target;
        try {
            target = upstreams.resolve(admitted.route(), admitted.environment(), admitted.path().remainder(),
                    request.getQueryString());
        } catch (Upstreams.NoUpstream e) {
            throw new ApiException(ErrorCode.FORBIDDEN, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The path or query cannot be passed on as a URL");
        }
        CircuitBreaker breaker = upstreams.breaker(target);
        if (!breaker.tryAcquirePermission()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, settings.circuitBreaker().openFor().toSeconds())));
            throw new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, "The provider's system for " + call.service + " "
                    + call.version + " keeps failing; the LGSP holds calls back for a while (circuit open)");
        }
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
        LimitedInputStream streamed = admitted.body() == null && admitted.hasBody()
                ? new LimitedInputStream(request.getInputStream(), settings.maxRequestSize().toBytes()) : null;
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target.uri()).timeout(settings.requestTimeout())
                .method(request.getMethod(), body(admitted, streamed, request, call));
        ForwardedHeaders.toProvider(request, upstream);
        upstream.header("Authorization", "Bearer " + token);
        upstream.header(TransactionIds.HEADER, call.transactionId);
        upstream.header(CONSUMER_HEADER, call.consumer);
        if (call.purpose != null) {
            upstream.header(PersonalData.PURPOSE_HEADER, PersonalData.headerValue(call.purpose));
            upstream.header(PersonalData.OFFICER_HEADER, PersonalData.headerValue(call.officer));
        }
        target.headers().forEach(upstream::header);
        HttpResponse<InputStream> answer = exchange(upstream.build(), request.getMethod(), streamed == null, breaker,
                streamed, started, call);
        if (answer.statusCode() == 401) {
            answer.body().close();
            upstreams.refused(target);
            throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE,
                    "The provider's system refused the LGSP's credentials; DOST has been told through monitoring");
        }
        return answer;
    }

    private static HttpRequest.BodyPublisher body(Admission.Admitted admitted, LimitedInputStream streamed,
                                                  HttpServletRequest request, GatewayCall call) {
        if (admitted.body() != null) {
            call.bytesIn = admitted.body().length;
            return HttpRequest.BodyPublishers.ofByteArray(admitted.body());
        }
        if (streamed == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> streamed);
        long length = request.getContentLengthLong();
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(publisher, length) : publisher;
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, String method, boolean repeatable,
                                               CircuitBreaker breaker, LimitedInputStream streamed, long started,
                                               GatewayCall call) throws IOException {
        HttpResponse<InputStream> answer;
        try {
            answer = send(request, method, repeatable);
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
            if (streamed != null && streamed.exceeded()) {
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
        if (streamed != null) {
            call.bytesIn = streamed.count();
        }
        int status = answer.statusCode();
        if (status == 502 || status == 503 || status == 504) {
            breaker.onError(call.upstreamNanos, TimeUnit.NANOSECONDS, new IOException("provider answered HTTP " + status));
        } else {
            breaker.onSuccess(call.upstreamNanos, TimeUnit.NANOSECONDS);
        }
        return answer;
    }

    private HttpResponse<InputStream> send(HttpRequest request, String method, boolean repeatable)
            throws IOException, InterruptedException {
        try {
            return upstreams.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            // one more try for calls that change nothing and whose body is not a consumed stream
            if (repeatable && SAFE_METHODS.contains(method)) {
                return upstreams.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            }
            throw e;
        }
    }
}
