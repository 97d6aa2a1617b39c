package vn.hanoi.lgsp.gateway;

import vn.hanoi.lgsp.audit.SubjectHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

class AdmissionTest {

    private static final String KEY = "a-subject-hash-key-of-at-least-32-characters";

    private final RouteTable routes = mock(RouteTable.class);
    private final Quotas quotas = mock(Quotas.class);
    private final Admission admission = new Admission(routes, quotas, new SubjectHash(KEY), GatewayFixtures.settings());
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final GatewayCall call = GatewayFixtures.call("GET");
    private MockHttpServletRequest request = GatewayFixtures.request("GET", "land-records/v1/parcels/42");

    @BeforeEach
    void grantedAndWithinQuota() {
        when(routes.grant(eq(GatewayFixtures.CONSUMER), eq("land-records"), eq("v1"), any()))
                .thenReturn(Optional.of(new RouteTable.Grant(7, null)));
        when(quotas.take(any(), any(), any(), any())).thenReturn(new Quotas.Decision(true, 0, null, false));
    }

    @Test
    void admitsAGrantedCallAndFillsInWhoAndWhere() throws Exception {
        serves(GatewayFixtures.route(VersionStatus.PUBLISHED));

        Admission.Admitted admitted = admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER));

        assertThat(admitted.environment()).isEqualTo(AccessGrant.Environment.PRODUCTION);
        assertThat(admitted.path().remainder()).isEqualTo("/parcels/42");
        assertThat(admitted.body()).isNull();
        assertThat(admitted.hasBody()).isFalse();
        assertThat(call.consumer).isEqualTo(GatewayFixtures.CONSUMER);
        assertThat(call.provider).isEqualTo(GatewayFixtures.PROVIDER);
        assertThat(call.route).isEqualTo("DIRECT");
    }

    @Test
    void aDraftVersionIsNotFound() {
        serves(GatewayFixtures.route(VersionStatus.DRAFT));

        assertRefused(() -> admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER)), ErrorCode.NOT_FOUND);
        assertThat(call.provider).isNull();
    }

    @Test
    void aRetiredVersionIsGoneAndNamesItsSuccessor() {
        serves(new Route("land-records", "v1", GatewayFixtures.PROVIDER, DataClassification.PUBLIC, VersionStatus.RETIRED,
                "http://provider.test", null, null, "v2", GatewayPolicy.DEFAULT, OpenApiContract.NONE, false));

        assertRefused(() -> admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER)), ErrorCode.RETIRED);
        assertThat(response.getHeader("Link")).isEqualTo("</api/v1/gateway/land-records/v2>; rel=\"successor-version\"");
        assertThat(call.provider).isEqualTo(GatewayFixtures.PROVIDER);
    }

    @Test
    void testCredentialsReachNoDeprecatedVersionAndProductionOnesNoTestVersion() {
        serves(GatewayFixtures.route(VersionStatus.DEPRECATED));
        assertRefused(() -> admit(GatewayFixtures.testAgency(GatewayFixtures.CONSUMER)), ErrorCode.FORBIDDEN);

        serves(GatewayFixtures.route(VersionStatus.TEST));
        assertRefused(() -> admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER)), ErrorCode.FORBIDDEN);
    }

    @Test
    void aCallWithoutGrantIsRefusedBeforeAnyQuotaIsTaken() {
        serves(GatewayFixtures.route(VersionStatus.PUBLISHED));

        assertRefused(() -> admit(GatewayFixtures.agency("000.00.99.H26")), ErrorCode.NOT_GRANTED);
        verify(quotas, never()).take(any(), any(), any(), any());
        assertThat(call.consumer).isEqualTo("000.00.99.H26");
    }

    @Test
    void personalDataNeedsPurposeAndOfficer() {
        serves(GatewayFixtures.route(VersionStatus.PUBLISHED, DataClassification.PERSONAL_DATA, GatewayPolicy.DEFAULT));

        ApiException refusal = assertRefused(() -> admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER)),
                ErrorCode.VALIDATION_FAILED);
        assertThat(refusal.details()).extracting(ApiError.Detail::field)
                .containsExactly(PersonalData.PURPOSE_HEADER, PersonalData.OFFICER_HEADER);
    }

    @Test
    void personalDataLookUpsRecordPurposeOfficerAndOnlyAHashOfTheSubject() throws Exception {
        GatewayPolicy policy = new GatewayPolicy(GatewayPolicy.Upstream.DIRECT, null, null, false, List.of(), null,
                SubjectLocator.parse("path:1"), null);
        serves(GatewayFixtures.route(VersionStatus.PUBLISHED, DataClassification.PERSONAL_DATA, policy));
        request.addHeader(PersonalData.PURPOSE_HEADER, "Gi%E1%BA%A3i%20quy%E1%BA%BFt");
        request.addHeader(PersonalData.OFFICER_HEADER, "can-bo-01");

        admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER));

        assertThat(call.purpose).isEqualTo("Giải quyết");
        assertThat(call.officer).isEqualTo("can-bo-01");
        assertThat(call.subjectHash).isEqualTo(new SubjectHash(KEY).hash("42")).doesNotContain("42");
    }

    @Test
    void aBodyOfAnotherTypeThanThePolicyAllowsIsRefused() {
        GatewayPolicy policy = new GatewayPolicy(GatewayPolicy.Upstream.DIRECT, null, null, false,
                List.of("application/json"), null, null, null);
        serves(GatewayFixtures.route(VersionStatus.PUBLISHED, DataClassification.PUBLIC, policy));
        request = GatewayFixtures.request("POST", "land-records/v1/parcels");
        request.setContent("<a/>".getBytes());
        request.setContentType("application/xml");

        assertRefused(() -> admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER)), ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        serves(GatewayFixtures.route(VersionStatus.PUBLISHED));
        request = GatewayFixtures.request("POST", "land-records/v1/parcels");
        request.setContent(new byte[2048]);

        assertRefused(() -> admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER)), ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anExhaustedQuotaSaysWhenToTryAgain() {
        serves(GatewayFixtures.route(VersionStatus.PUBLISHED));
        when(quotas.take(any(), any(), any(), any())).thenReturn(new Quotas.Decision(false, 17, "consumer", false));

        ApiException refusal = assertRefused(() -> admit(GatewayFixtures.agency(GatewayFixtures.CONSUMER)),
                ErrorCode.RATE_LIMITED);
        assertThat(response.getHeader("Retry-After")).isEqualTo("17");
        assertThat(refusal.getMessage()).contains("consumer quota of land-records v1");
    }

    private Admission.Admitted admit(AgencyCaller caller) throws Exception {
        return admission.admit(request, response, caller, call);
    }

    private void serves(Route route) {
        when(routes.route("land-records", "v1")).thenReturn(Optional.of(route));
    }

    private static ApiException assertRefused(ThrowableAssert.ThrowingCallable admission, ErrorCode error) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(admission);
        assertThat(thrown).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(error));
        return (ApiException) thrown;
    }
}
