package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

class AnswerRelayTest {

    private final AnswerRelay relay = new AnswerRelay(GatewayFixtures.settings(), new ObjectMapper());
    private final MockHttpServletRequest request = GatewayFixtures.request("GET", "land-records/v1/parcels/42");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final GatewayCall call = GatewayFixtures.call("GET");

    @Test
    void relaysStatusAndTheProvidersOwnHeadersButNotItsCookiesOrHopByHopOnes() throws Exception {
        byte[] body = "{\"code\":\"01\",\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
        relay.relay(GatewayFixtures.route(VersionStatus.PUBLISHED), GatewayFixtures.answer(404, Map.of(
                "Content-Type", List.of("application/json"), "Content-Length", List.of(Integer.toString(body.length)),
                "X-Provider-Trace", List.of("abc"), "Set-Cookie", List.of("s=1"), "Server", List.of("nginx"),
                "Connection", List.of("X-Secret"), "X-Secret", List.of("hidden"), "Keep-Alive", List.of("timeout=5")),
                body), request, response, call);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getHeader("X-Provider-Trace")).isEqualTo("abc");
        assertThat(response.getHeaderNames()).doesNotContain("Set-Cookie", "Server", "X-Secret", "Keep-Alive");
        assertThat(response.getContentAsByteArray()).isEqualTo(body);
        // a small JSON answer is read whole: its envelope's code is what the journal records
        assertThat(call.code).isEqualTo("01");
        assertThat(call.httpStatus).isEqualTo(404);
        assertThat(call.bytesOut).isEqualTo(body.length);
    }

    @Test
    void tellsConsumersOfADeprecatedVersionWhenItEndsAndWhatFollows() throws Exception {
        relay.relay(GatewayFixtures.deprecated("v2"), GatewayFixtures.answer(200, Map.of(), new byte[] {1, 2, 3}),
                request, response, call);

        assertThat(response.getHeader("Deprecation")).isEqualTo("@1700000000");
        assertThat(response.getHeader("Sunset")).isEqualTo("Fri, 1 Jan 2027 00:00:00 GMT");
        assertThat(response.getHeader("Link")).isEqualTo("</api/v1/gateway/land-records/v2>; rel=\"successor-version\"");
        assertThat(call.bytesOut).isEqualTo(3);
        assertThat(call.code).isNull();
    }

    @Test
    void refusesAnAnswerDeclaredLargerThanTheLimitBeforeRelayingAnything() {
        assertThatThrownBy(() -> relay.relay(GatewayFixtures.route(VersionStatus.PUBLISHED), GatewayFixtures.answer(200,
                Map.of("Content-Length", List.of("999999")), new byte[0]), request, response, call))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.BAD_UPSTREAM_RESPONSE));
        assertThat(call.httpStatus).isZero();
    }

    @Test
    void cutsShortAnUndeclaredAnswerThatGrowsPastTheLimit() {
        assertThatThrownBy(() -> relay.relay(GatewayFixtures.route(VersionStatus.PUBLISHED),
                GatewayFixtures.answer(200, Map.of(), new byte[10_000]), request, response, call))
                .isInstanceOf(IOException.class);
        assertThat(call.error).isEqualTo(ErrorCode.BAD_UPSTREAM_RESPONSE);
        assertThat(call.httpStatus).isEqualTo(200);
        assertThat(call.outcome()).isEqualTo("01");
    }

    @Test
    void turnsAnXmlAnswerIntoJsonForAConsumerThatAsksForJson() throws Exception {
        XmlToJson transform = XmlToJson.parse(new ObjectMapper().readTree(
                "{\"select\": \"Result\", \"as\": \"parcel\", \"fields\": {\"owner\": \"Owner\"}}"));
        GatewayPolicy policy = new GatewayPolicy(GatewayPolicy.Upstream.DIRECT, null, null, false, List.of(), transform,
                null, null);
        request.addHeader("Accept", "application/json");

        relay.relay(GatewayFixtures.route(VersionStatus.PUBLISHED, vn.hanoi.lgsp.catalog.DataClassification.PUBLIC, policy),
                GatewayFixtures.answer(200, Map.of("Content-Type", List.of("application/xml")),
                        "<Result><Owner>Nguyễn Văn A</Owner></Result>".getBytes(StandardCharsets.UTF_8)),
                request, response, call);

        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(new ObjectMapper().readTree(response.getContentAsByteArray()).path("parcel").path("owner").asText())
                .isEqualTo("Nguyễn Văn A");
        assertThat(call.code).isEqualTo("00");
    }
}
