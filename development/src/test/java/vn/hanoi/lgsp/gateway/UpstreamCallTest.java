package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.TransactionIds;

class UpstreamCallTest {

    private static final Upstreams.Target TARGET = new Upstreams.Target(URI.create("http://provider.test/api/parcels/42"),
            "http://provider.test", "provider:" + GatewayFixtures.PROVIDER, Map.of());

    private final Upstreams upstreams = mock(Upstreams.class);
    private final HttpClient http = mock(HttpClient.class);
    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("provider");
    private final UpstreamCall upstream = new UpstreamCall(upstreams, GatewayFixtures.settings());
    private final MockHttpServletRequest request = GatewayFixtures.request("GET", "land-records/v1/parcels/42");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final GatewayCall call = GatewayFixtures.call("GET");
    private final Admission.Admitted admitted = new Admission.Admitted(GatewayFixtures.route(VersionStatus.PUBLISHED),
            AccessGrant.Environment.PRODUCTION, GatewayPath.parse(request.getRequestURI(), call), null, false);

    @BeforeEach
    void reachableProvider() {
        call.consumer = GatewayFixtures.CONSUMER;
        when(upstreams.resolve(any(), any(), any(), any())).thenReturn(TARGET);
        when(upstreams.breaker(TARGET)).thenReturn(breaker);
        when(upstreams.token(TARGET)).thenReturn("lgsp-token");
        when(upstreams.http()).thenReturn(http);
    }

    @Test
    void callsTheProviderAsTheLgspNotAsTheConsumer() throws Exception {
        request.addHeader("Authorization", "Bearer consumer-token");
        request.addHeader("Cookie", "session=1");
        request.addHeader("X-Road-Client", "VN:GOV:000.00.00.G22:SYS");
        request.addHeader("X-Forwarded-For", "10.0.0.1");
        request.addHeader("Accept", "application/json");
        HttpResponse<InputStream> answer = GatewayFixtures.answer(200, Map.of(), new byte[0]);
        ArgumentCaptor<HttpRequest> sent = ArgumentCaptor.forClass(HttpRequest.class);
        when(http.send(sent.capture(), any(HttpResponse.BodyHandler.class))).thenReturn((HttpResponse) answer);

        assertThat(upstream.send(admitted, request, response, call)).isSameAs(answer);

        HttpRequest to = sent.getValue();
        assertThat(to.uri()).isEqualTo(TARGET.uri());
        assertThat(to.headers().allValues("Authorization")).containsExactly("Bearer lgsp-token");
        assertThat(to.headers().firstValue(UpstreamCall.CONSUMER_HEADER)).contains(GatewayFixtures.CONSUMER);
        assertThat(to.headers().firstValue(TransactionIds.HEADER)).contains("tx-1");
        assertThat(to.headers().firstValue("Accept")).contains("application/json");
        assertThat(to.headers().map()).doesNotContainKeys("cookie", "x-road-client", "x-forwarded-for");
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void aProviderWithoutUpstreamForTheEnvironmentIsForbidden() {
        when(upstreams.resolve(any(), any(), any(), any())).thenThrow(new Upstreams.NoUpstream("no test environment"));

        assertRefused(ErrorCode.FORBIDDEN);
    }

    @Test
    void anOpenCircuitHoldsTheCallBackAndSaysWhenToTryAgain() throws Exception {
        breaker.transitionToOpenState();

        assertRefused(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        verify(http, never()).send(any(), any());
    }

    @Test
    void noOutboundTokenMeansUnavailableWithoutCountingAgainstTheProvider() {
        when(upstreams.token(TARGET)).thenThrow(new IllegalStateException("keycloak down"));

        assertRefused(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aSafeCallIsRetriedOnceWhenTheConnectionIsRefused() throws Exception {
        when(http.send(any(), any())).thenThrow(new ConnectException("refused"));

        ApiException refusal = assertRefused(ErrorCode.UPSTREAM_UNAVAILABLE);

        assertThat(refusal.getMessage()).contains("cannot be reached");
        verify(http, times(2)).send(any(), any());
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void aProviderThatRefusesTheLgspsCredentialsIsReported() throws Exception {
        HttpResponse<InputStream> answer = GatewayFixtures.answer(401, Map.of("WWW-Authenticate", List.of("Bearer")),
                new byte[0]);
        when(http.send(any(), any(HttpResponse.BodyHandler.class))).thenReturn((HttpResponse) answer);

        assertRefused(ErrorCode.BAD_UPSTREAM_RESPONSE);
        verify(upstreams).refused(TARGET);
    }

    @Test
    void aGatewayTimeoutCountsAsTheProvidersFailure() throws Exception {
        HttpResponse<InputStream> answer = GatewayFixtures.answer(504, Map.of(), new byte[0]);
        when(http.send(any(), any(HttpResponse.BodyHandler.class))).thenReturn((HttpResponse) answer);

        upstream.send(admitted, request, response, call);

        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(call.upstreamNanos).isPositive();
    }

    private ApiException assertRefused(ErrorCode error) {
        Throwable thrown = catchThrowable(() -> upstream.send(admitted, request, response, call));
        assertThat(thrown).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(error));
        return (ApiException) thrown;
    }
}
