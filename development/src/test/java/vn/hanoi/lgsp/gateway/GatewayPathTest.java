package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

class GatewayPathTest {

    @Test
    void readsServiceVersionAndTheRawRemainder() {
        GatewayCall call = GatewayFixtures.call("GET");
        GatewayPath path = GatewayPath.parse("/api/v1/gateway/land-records/v1/parcels/12%2034", call);

        assertThat(path.service()).isEqualTo("land-records");
        assertThat(path.version()).isEqualTo("v1");
        assertThat(path.remainder()).isEqualTo("/parcels/12%2034");
        assertThat(path.segments()).containsExactly("parcels", "12%2034");
        assertThat(call.service).isEqualTo("land-records");
        assertThat(call.version).isEqualTo("v1");
        assertThat(GatewayPath.parse("/api/v1/gateway/land-records/v1", call).contractPath()).isEqualTo("/");
    }

    @Test
    void refusesAMalformedServiceCodeBeforeTheCallKnowsIt() {
        GatewayCall call = GatewayFixtures.call("GET");

        assertThatThrownBy(() -> GatewayPath.parse("/api/v1/gateway/Land_Records/v1/x", call))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(call.service).isNull();
    }

    @Test
    void refusesSegmentsThatWouldLeaveTheProvidersBase() {
        for (String trick : new String[] {"/..", "/%2e%2e/admin", "/a%2Fb", "/a;jsessionid=1", "/a%00", "/a%5Cb", "/%zz"}) {
            GatewayCall call = GatewayFixtures.call("GET");

            assertThatThrownBy(() -> GatewayPath.parse("/api/v1/gateway/land-records/v1" + trick, call))
                    .as(trick).isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.error()).isEqualTo(ErrorCode.VALIDATION_FAILED));
            // the service and version were well formed: the refusal is journalled against them
            assertThat(call.service).isEqualTo("land-records");
        }
    }
}
