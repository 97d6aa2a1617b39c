package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

class GatewayCallerTest {

    private final MockHttpServletRequest request = GatewayFixtures.request("GET", "land-records/v1/x");
    private final GatewayCall call = GatewayFixtures.call("GET");

    @Test
    void anAgencySystemCallsForItsOwnAgency() {
        AccessGrant.Environment environment = GatewayCaller.identify(GatewayFixtures.agency(GatewayFixtures.CONSUMER),
                request, call);

        assertThat(environment).isEqualTo(AccessGrant.Environment.PRODUCTION);
        assertThat(call.consumer).isEqualTo(GatewayFixtures.CONSUMER);
        assertThat(call.client).isEqualTo("agency-client");
        assertThat(call.environment).isEqualTo(AccessGrant.Environment.PRODUCTION);
    }

    @Test
    void aTestCredentialCallsTheTestEnvironment() {
        assertThat(GatewayCaller.identify(GatewayFixtures.testAgency(GatewayFixtures.CONSUMER), request, call))
                .isEqualTo(AccessGrant.Environment.TEST);
    }

    @Test
    void refusesACredentialWithoutAgency() {
        assertRefused(() -> GatewayCaller.identify(GatewayFixtures.agency(null), request, call), "carries no agency_code");
        assertThat(call.client).isEqualTo("agency-client");
    }

    @Test
    void refusesACredentialForAnUnknownEnvironment() {
        AgencyCaller staging = new AgencyCaller("sa", "client", GatewayFixtures.CONSUMER, true, null,
                AgencyCaller.Environment.UNKNOWN, "staging", Set.of(), List.of());

        assertRefused(() -> GatewayCaller.identify(staging, request, call), "unknown environment: staging");
    }

    @Test
    void anAgencyThatAssertsAnXRoadClientIsRefusedButJournalledAsItself() {
        request.addHeader(GatewayCaller.XROAD_CLIENT, "VN:GOV:000.00.00.G22:SYS");

        assertRefused(() -> GatewayCaller.identify(GatewayFixtures.agency(GatewayFixtures.CONSUMER), request, call),
                "asserted only by NDXP");
        assertThat(call.consumer).isEqualTo(GatewayFixtures.CONSUMER);
    }

    @Test
    void ndxpCallsForTheMemberItNames() {
        request.addHeader(GatewayCaller.XROAD_CLIENT, "VN:GOV:000.00.00.G22:SYS");
        request.addHeader(GatewayCaller.XROAD_ID, "msg-42");

        GatewayCaller.identify(GatewayFixtures.ndxp(), request, call);

        assertThat(call.consumer).isEqualTo("000.00.00.G22");
        assertThat(call.xroadClient).isEqualTo("VN:GOV:000.00.00.G22:SYS");
        assertThat(call.xroadId).isEqualTo("msg-42");
        assertThat(call.client).isEqualTo("ndxp");
    }

    @Test
    void ndxpMayNotSpeakForAHanoiBodyNorForNobody() {
        assertRefused(() -> GatewayCaller.identify(GatewayFixtures.ndxp(), request, call), "names none");
        request.addHeader(GatewayCaller.XROAD_CLIENT, "VN:GOV:000.00.12.H26:SYS");
        assertRefused(() -> GatewayCaller.identify(GatewayFixtures.ndxp(), request, call), "is a Hanoi body");
    }

    @Test
    void aCredentialThatIsBothNdxpsAndAnAgencysIsRefused() {
        AgencyCaller both = new AgencyCaller("sa", "client", GatewayFixtures.CONSUMER, true, null,
                AgencyCaller.Environment.PRODUCTION, null, Set.of(GatewayCaller.NATIONAL_ROLE), List.of());

        assertRefused(() -> GatewayCaller.identify(both, request, call), "both NDXP's and an agency's");
    }

    @Test
    void bodiesOutsideHanoiReachOnlyVersionsOfferedToNdxp() {
        call.consumer = "000.00.00.G22";
        assertRefused(() -> GatewayCaller.checkReach(GatewayFixtures.route(VersionStatus.PUBLISHED), call),
                "not offered to NDXP");
        call.consumer = GatewayFixtures.CONSUMER;
        GatewayCaller.checkReach(GatewayFixtures.route(VersionStatus.PUBLISHED), call);
    }

    private static void assertRefused(Runnable identification, String reason) {
        assertThatThrownBy(identification::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
