package vn.hanoi.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.audit.JournalUnavailableException;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.TransactionIds;
import vn.hanoi.lgsp.monitoring.TransactionDocument;

class CallJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditJournal journal = mock(AuditJournal.class);
    private final CallJournal calls = new CallJournal(journal, new GatewayCalls(), JSON, event -> { });
    private final MockHttpServletRequest request = GatewayFixtures.request("GET", "land-records/v1/parcels/42");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final GatewayCall call = GatewayFixtures.call("GET");

    @Test
    void aRefusalAnswersWithTheEnvelopeAndItsStatusAndIsRecordedAsAFailure() throws Exception {
        calls.refused(new ApiException(ErrorCode.NOT_GRANTED, "no grant"), request, response, call);

        assertThat(response.getStatus()).isEqualTo(403);
        JsonNode envelope = JSON.readTree(response.getContentAsByteArray());
        assertThat(envelope.path("code").asText()).isEqualTo("01");
        assertThat(envelope.path("error").asText()).isEqualTo("NOT_GRANTED");
        assertThat(envelope.path("message").asText()).isEqualTo("no grant");
        assertThat(request.getAttribute(TransactionIds.ERROR_ATTRIBUTE)).isEqualTo("NOT_GRANTED");
        assertThat(call.error).isEqualTo(ErrorCode.NOT_GRANTED);
        assertThat(call.httpStatus).isEqualTo(403);
    }

    @Test
    void journalsWhoCalledWhatAndTheOutcomeButNoQueryValues() throws Exception {
        call.consumer = GatewayFixtures.CONSUMER;
        call.client = "agency-client";
        call.service = "land-records";
        call.version = "v1";
        call.provider = GatewayFixtures.PROVIDER;
        call.pathTemplate = "/parcels/{id}";
        call.httpStatus = 200;
        call.purpose = "Giải quyết";

        calls.record(request, response, call);

        ArgumentCaptor<AuditEntry> entry = ArgumentCaptor.forClass(AuditEntry.class);
        ArgumentCaptor<TransactionDocument> document = ArgumentCaptor.forClass(TransactionDocument.class);
        verify(journal).appendDurably(entry.capture(), document.capture());
        assertThat(entry.getValue().actorKind()).isEqualTo(AuditEntry.ActorKind.AGENCY_SYSTEM);
        assertThat(entry.getValue().actor()).isEqualTo("agency-client");
        assertThat(entry.getValue().agencyCode()).isEqualTo(GatewayFixtures.CONSUMER);
        assertThat(entry.getValue().target()).isEqualTo("land-records/v1");
        assertThat(entry.getValue().outcome()).isEqualTo("00");
        assertThat(entry.getValue().details()).containsEntry("path", "/parcels/{id}").containsEntry("purpose", "Giải quyết");
        assertThat(document.getValue().transactionId()).isEqualTo("tx-1");
    }

    @Test
    void anAnswerThatCannotBeJournalledIsWithheld() throws Exception {
        doThrow(new JournalUnavailableException("down", null)).when(journal).appendDurably(any(), any());
        response.setStatus(200);
        response.setHeader("X-Provider-Trace", "abc");
        response.getWriter().write("{\"code\":\"00\"}");

        calls.record(request, response, call);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeader("X-Provider-Trace")).isNull();
        assertThat(response.getHeader(TransactionIds.HEADER)).isEqualTo("tx-1");
        assertThat(JSON.readTree(response.getContentAsByteArray()).path("error").asText()).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void aCallThatBrokeOffIsJournalledAsAFailureAllTheSame() {
        calls.brokenOff(call);

        assertThat(call.error).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(call.httpStatus).isEqualTo(500);
        ArgumentCaptor<AuditEntry> entry = ArgumentCaptor.forClass(AuditEntry.class);
        verify(journal).appendDurably(entry.capture(), any());
        assertThat(entry.getValue().outcome()).isEqualTo("01");
    }
}
