package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

class GatewayExchangeTest {

    private final Admission admission = mock(Admission.class);
    private final UpstreamCall upstream = mock(UpstreamCall.class);
    private final AnswerRelay relay = mock(AnswerRelay.class);
    private final CallJournal journal = mock(CallJournal.class);
    private final MockHttpServletRequest request = GatewayFixtures.request("GET", "land-records/v1/parcels/42");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final AgencyCaller caller = GatewayFixtures.agency(GatewayFixtures.CONSUMER);
    private final GatewayCall call = GatewayFixtures.call("GET");
    private final GatewayExchange exchange = new GatewayExchange(new GatewayExchange.Steps(admission, upstream, relay,
            journal), request, response, caller, call);
    private final Admission.Admitted admitted = new Admission.Admitted(GatewayFixtures.route(VersionStatus.PUBLISHED),
            AccessGrant.Environment.PRODUCTION, GatewayPath.parse(request.getRequestURI(), GatewayFixtures.call("GET")),
            null, false);

    @Test
    void anAdmittedCallGoesUpstreamIsRelayedAndThenJournalled() throws Exception {
        HttpResponse<InputStream> answer = GatewayFixtures.answer(200, Map.of(), new byte[0]);
        when(admission.admit(request, response, caller, call)).thenReturn(admitted);
        when(upstream.send(admitted, request, response, call)).thenReturn(answer);

        exchange.process();

        InOrder steps = inOrder(admission, upstream, relay, journal);
        steps.verify(admission).admit(request, response, caller, call);
        steps.verify(upstream).send(admitted, request, response, call);
        steps.verify(relay).relay(admitted.route(), answer, request, response, call);
        steps.verify(journal).record(request, response, call);
    }

    @Test
    void aRefusedCallNeverReachesTheProviderButIsJournalled() throws Exception {
        ApiException refusal = new ApiException(ErrorCode.NOT_GRANTED, "no grant");
        when(admission.admit(request, response, caller, call)).thenThrow(refusal);

        exchange.process();

        verifyNoInteractions(upstream, relay);
        InOrder steps = inOrder(journal);
        steps.verify(journal).refused(same(refusal), eq(request), eq(response), eq(call));
        steps.verify(journal).record(request, response, call);
    }

    @Test
    void aCallCutShortIsJournalledAndTheFailureGoesOn() throws Exception {
        HttpResponse<InputStream> answer = GatewayFixtures.answer(200, Map.of(), new byte[0]);
        when(admission.admit(request, response, caller, call)).thenReturn(admitted);
        when(upstream.send(admitted, request, response, call)).thenReturn(answer);
        doThrow(new IOException("consumer went away")).when(relay).relay(any(), any(), any(), any(), any());

        assertThatThrownBy(exchange::process).isInstanceOf(IOException.class);

        verify(journal).brokenOff(call);
        verify(journal, never()).record(any(), any(), any());
    }
}
