package vn.hanoi.lgsp.gateway;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.TransactionIds;

/** What the gateway's step tests share: settings, routes, callers and requests, without a server. */
final class GatewayFixtures {

    static final String CONSUMER = "000.00.12.H26";
    static final String PROVIDER = "000.00.15.H26";

    private GatewayFixtures() {
    }

    static GatewaySettings settings() {
        return new GatewaySettings("lgsp-gateway", "secret", Duration.ofSeconds(2), Duration.ofSeconds(10),
                DataSize.ofKilobytes(1), DataSize.ofKilobytes(4), Duration.ofSeconds(5),
                "a-subject-hash-key-of-at-least-32-characters",
                new GatewaySettings.Quota(Duration.ofMinutes(1), 6000, 60000),
                new GatewaySettings.CircuitBreaker(50, 20, 5, Duration.ofSeconds(10), 2));
    }

    static Route route(VersionStatus status) {
        return route(status, DataClassification.PUBLIC, GatewayPolicy.DEFAULT);
    }

    static Route route(VersionStatus status, DataClassification classification, GatewayPolicy policy) {
        return new Route("land-records", "v1", PROVIDER, classification, status, "http://provider.test/api", null, null,
                null, policy, OpenApiContract.NONE, false);
    }

    static Route deprecated(String successor) {
        return new Route("land-records", "v1", PROVIDER, DataClassification.PUBLIC, VersionStatus.DEPRECATED,
                "http://provider.test/api", Instant.ofEpochSecond(1_700_000_000), Instant.parse("2027-01-01T00:00:00Z"),
                successor, GatewayPolicy.DEFAULT, OpenApiContract.NONE, false);
    }

    static AgencyCaller agency(String code) {
        return new AgencyCaller("service-account", "agency-client", code, code != null, null,
                AgencyCaller.Environment.PRODUCTION, null, Set.of("agency-system"), List.of());
    }

    static AgencyCaller testAgency(String code) {
        return new AgencyCaller("service-account", "agency-client-test", code, true, null, AgencyCaller.Environment.TEST,
                "test", Set.of("agency-system"), List.of());
    }

    static AgencyCaller ndxp() {
        return new AgencyCaller("service-account-ndxp", "ndxp", null, false, null, AgencyCaller.Environment.PRODUCTION,
                null, Set.of(GatewayCaller.NATIONAL_ROLE), List.of());
    }

    static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, GatewayController.PREFIX + path);
        request.setAttribute(TransactionIds.REQUEST_ATTRIBUTE, "tx-1");
        return request;
    }

    static GatewayCall call(String method) {
        return new GatewayCall("tx-1", Instant.now(), System.nanoTime(), method);
    }

    /** A provider's answer as the HTTP client hands it over, its body unread. */
    @SuppressWarnings("unchecked")
    static HttpResponse<InputStream> answer(int status, Map<String, List<String>> headers, byte[] body) {
        HttpResponse<InputStream> answer = mock(HttpResponse.class);
        when(answer.statusCode()).thenReturn(status);
        when(answer.headers()).thenReturn(HttpHeaders.of(headers, (name, value) -> true));
        when(answer.body()).thenReturn(new ByteArrayInputStream(body));
        return answer;
    }
}
