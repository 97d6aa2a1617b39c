package vn.hanoi.lgsp.exchange;

import vn.hanoi.lgsp.workercontract.RecordExchangeProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.workercontract.NdxpRecords;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Messages;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/** What agencies, workers and national platforms do with exchanges. */
@Service
class ExchangeService {

    private final RecordValidator validator;
    private final ExchangeStore store;
    private final RuntimeService runtime;
    private final ExchangeMonitoring monitoring;
    private final ObjectMapper json;
    private final ExchangeSettings settings;

    ExchangeService(RecordValidator validator, ExchangeStore store, RuntimeService runtime, ExchangeMonitoring monitoring,
                    ObjectMapper json, ExchangeSettings settings) {
        this.settings = settings;
        this.validator = validator;
        this.store = store;
        this.runtime = runtime;
        this.monitoring = monitoring;
        this.json = json;
    }

    record Submitted(ExchangeStore.Exchange exchange, boolean replay) {
    }

    /**
     * Accepts a record once per idempotency key: the same key with the same request returns
     * the first exchange; with another request it is a conflict. The exchange row, its
     * content and the process start commit together, or not at all.
     */
    @Transactional
    Submitted submit(String source, String idempotencyKey, SubmitRequest request) {
        return submit(source, idempotencyKey, request, PostalProcess.Channels.AGENCY);
    }

    /**
     * An application VNPost collected from a citizen, handed over by NDXP: a record from VNPost
     * to the competent agency on its own channel, idempotent by VNPost's application number.
     */
    @Transactional
    Submitted acceptFromPost(String vnpostCode, String applicationNumber, String trackingNumber, SubmitRequest request) {
        Submitted submitted = submit(vnpostCode, applicationNumber, request, PostalProcess.Channels.POSTAL);
        if (!submitted.replay()) {
            store.recordPostalApplication(submitted.exchange().id(), applicationNumber, trackingNumber);
        }
        return submitted;
    }

    /** A record a procedure's case sends on behalf of its owning agency ({@link ProcedureExchanges}). */
    @Transactional
    Submitted submitForCase(String owner, String idempotencyKey, SubmitRequest request) {
        return submit(owner, idempotencyKey, request, ProcedureExchanges.CHANNEL);
    }

    /**
     * A record a ministry or another province sent through NDXP: idempotent by NDXP's message
     * id, its sender the member NDXP asserted ({@link NdxpInboundController}).
     */
    @Transactional
    Submitted acceptFromNdxp(String sender, String client, String ndxpMessageId, SubmitRequest request) {
        return submit(sender, ndxpMessageId, request, PostalProcess.Channels.NDXP,
                Map.of(NdxpRecords.Variables.MESSAGE_ID, ndxpMessageId, NdxpRecords.Variables.CLIENT, client));
    }

    private Submitted submit(String source, String idempotencyKey, SubmitRequest request, String channel) {
        return submit(source, idempotencyKey, request, channel, Map.of());
    }

    private Submitted submit(String source, String idempotencyKey, SubmitRequest request, String channel,
                             Map<String, Object> channelVariables) {
        if (!ProcedureExchanges.CHANNEL.equals(channel) && idempotencyKey != null
                && idempotencyKey.startsWith(ProcedureExchanges.KEY_PREFIX)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Idempotency keys starting with '"
                    + ProcedureExchanges.KEY_PREFIX + "' are the LGSP's own (records of procedures' cases); choose another");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "The Idempotency-Key header is required (at most 200 characters): one key per record, reused on retries");
        }
        String requestHash = requestHash(request);
        Optional<ExchangeStore.Exchange> earlier = store.findByKey(source, idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), requestHash, idempotencyKey);
        }
        RecordValidator.ValidRecord record = validator.validate(source, request, !ProcedureExchanges.CHANNEL.equals(channel));
        UUID id = UUID.randomUUID();
        if (!store.insertIfNew(id, idempotencyKey, requestHash, record)) {
            // another request with the same key won the race and has committed
            return replay(store.findByKey(source, idempotencyKey).orElseThrow(), requestHash, idempotencyKey);
        }
        store.storeContent(id, record);
        store.addEvent(id, ExchangeStatus.ACCEPTED, "accepted from " + source + " for " + record.destination());
        flagSigningTime(id, record);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.EXCHANGE_ID, id.toString());
        variables.put(Variables.SOURCE, source);
        variables.put(Variables.DESTINATION, record.destination());
        variables.put(Variables.PROCEDURE, record.procedureCode());
        variables.put(Variables.APPLICANT_PRESENT, record.applicant() != null);
        variables.put(Variables.REQUESTED_DEADLINE, record.deadline() == null ? null : Date.from(record.deadline()));
        variables.put(Variables.CHANNEL, channel);
        variables.putAll(channelVariables);
        String instance = runtime.startProcessInstanceByKey(RecordExchangeProcess.PROCESS_KEY, id.toString(), variables).getId();
        store.setProcessInstance(id, instance);
        ExchangeStore.Exchange exchange = store.find(id).orElseThrow();
        monitoring.step(exchange, "accepted", null, true, null, 202, null);
        return new Submitted(exchange, false);
    }

    /** Đ7.4: a signing time far from the LGSP's clock says the sender's clock is off, or the record is old. */
    private void flagSigningTime(UUID id, RecordValidator.ValidRecord record) {
        if (record.signedAt() == null) {
            return;
        }
        java.time.Duration skew = java.time.Duration.between(Instant.now(), record.signedAt());
        if (skew.abs().compareTo(settings.signingTimeTolerance()) > 0) {
            store.addEvent(id, ExchangeStatus.ACCEPTED, "signing time " + record.signedAt() + " is " + skew.abs().toSeconds()
                    + " s " + (skew.isNegative() ? "before" : "after") + " the LGSP's clock (tolerance "
                    + settings.signingTimeTolerance().toSeconds() + " s): the sender's clock may be off (Đ7.4)");
        }
    }

    private Submitted replay(ExchangeStore.Exchange earlier, String requestHash, String key) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT, "Idempotency-Key '" + key
                    + "' was already used for another record (exchange " + earlier.id() + "); use a new key for a new record");
        }
        return new Submitted(earlier, true);
    }

    /** The exchange as its source or destination may see it; to anyone else it does not exist. */
    ExchangeStore.Exchange view(UUID id, String agency) {
        return store.find(id).filter(e -> e.source().equals(agency) || e.destination().equals(agency))
                .orElseThrow(() -> notFound(id, agency));
    }

    List<ExchangeStore.Event> timeline(UUID id) {
        return store.events(id);
    }

    /** The destination's processing result, handed to the waiting process. */
    @Transactional
    ExchangeStore.Exchange reportResult(UUID id, String agency, String code, String message, String reference) {
        ExchangeStore.Exchange exchange = store.lock(id).filter(e -> e.destination().equals(agency))
                .orElseThrow(() -> notFound(id, agency));
        return acceptResult(exchange, code, message, reference);
    }

    private ExchangeStore.Exchange acceptResult(ExchangeStore.Exchange exchange, String code, String message,
                                                String reference) {
        if (!"00".equals(code) && !"01".equals(code)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The result code must be 00 (processed) or 01 (refused)");
        }
        if (exchange.resultCode() != null) {
            if (exchange.resultCode().equals(code) && java.util.Objects.equals(exchange.resultMessage(), message)) {
                return exchange;
            }
            throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT, "Exchange " + exchange.id() + " already has a result");
        }
        if (exchange.status().terminal()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Exchange " + exchange.id() + " is already "
                    + exchange.status() + "; a result can no longer be reported");
        }
        // stored first: the process moves on inside the correlation and reads it to notify the source
        store.setResult(exchange.id(), code, message, reference);
        store.addEvent(exchange.id(), exchange.status(), "result " + code + " reported by " + exchange.destination());
        if (waitingFor(exchange, Messages.RESULT_REPORTED)) {
            correlate(exchange, Messages.RESULT_REPORTED, "the result");
        }
        // else the process has not reached its wait: it finds the result stored when it does
        // (Gateway_ResultInHand, under the same row lock), so the destination need not retry
        monitoring.step(exchange, "result", null, "00".equals(code), "00".equals(code) ? null : "RESULT_REFUSED", null, null);
        return store.find(exchange.id()).orElseThrow();
    }

    /** The destination's receipt: from the push worker, an inbox acknowledgement or NDXP. */
    @Transactional
    ExchangeStore.Exchange confirmReceipt(UUID id, String receivedSha256, boolean correlate, String by) {
        ExchangeStore.Exchange exchange = store.lock(id).orElseThrow(() -> notFound(id, by));
        if (exchange.receivedAt() != null) {
            return exchange;
        }
        if (receivedSha256 == null || !receivedSha256.equalsIgnoreCase(exchange.contentSha256())) {
            throw new ApiException(ErrorCode.INTEGRITY_FAILED, "The receipt's SHA-256 (" + receivedSha256
                    + ") does not match the record's (" + exchange.contentSha256() + ")");
        }
        store.setReceipt(id, receivedSha256.toLowerCase(), Instant.now());
        store.addEvent(id, exchange.status(), "receipt from " + exchange.destination() + " (" + by + ")");
        // not waiting yet: the process finds the receipt recorded when it gets there (Gateway_ReceiptInHand)
        if (correlate && waitingFor(exchange, Messages.RECORD_RECEIVED)) {
            correlate(exchange, Messages.RECORD_RECEIVED, "the receipt");
        }
        monitoring.step(exchange, "receipt", null, true, null, null, null);
        return store.find(id).orElseThrow();
    }

    List<ExchangeStore.Exchange> inbox(String destination, int limit) {
        return store.inbox(destination, Math.min(Math.max(limit, 1), 100));
    }

    /** The content of an exchange still in flight, for its destination or a worker. */
    ExchangeStore.Content content(ExchangeStore.Exchange exchange) {
        return store.content(exchange.id()).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Exchange " + exchange.id() + " holds no content any more: it was delivered or has ended"));
    }

    Optional<ExchangeStore.PostalApplication> postalApplication(UUID id) {
        return store.postalApplication(id);
    }

    void vnpostTold(UUID id) {
        store.vnpostTold(id);
    }

    ExchangeStore.Exchange require(UUID id) {
        return store.find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No exchange " + id));
    }

    /** A delivery attempt reported by a worker, for monitoring (R-04: transfer performance). */
    void recordAttempt(UUID id, String route, boolean success, String error, Integer httpStatus, Long durationMs) {
        monitoring.step(require(id), "delivery-attempt", route, success, error, httpStatus, durationMs);
    }

    private boolean waitingFor(ExchangeStore.Exchange exchange, String message) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(exchange.id().toString())
                .messageEventSubscriptionName(message).count() > 0;
    }

    private void correlate(ExchangeStore.Exchange exchange, String message, String what) {
        if (!waitingFor(exchange, message)) {
            throw notWaiting(exchange, what);
        }
        try {
            runtime.createMessageCorrelation(message).processInstanceBusinessKey(exchange.id().toString()).correlate();
        } catch (MismatchingMessageCorrelationException notWaiting) {
            throw notWaiting(exchange, what);
        }
    }

    /** The process has not reached the wait yet (or is past it): the sender retries. */
    private static ApiException notWaiting(ExchangeStore.Exchange exchange, String what) {
        return new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, "Exchange " + exchange.id() + " is not waiting for "
                + what + " right now (status " + exchange.status() + "); retry shortly");
    }

    private static ApiException notFound(UUID id, String agency) {
        return new ApiException(ErrorCode.NOT_FOUND, "No exchange " + id + " is visible to agency " + agency);
    }

    private String requestHash(SubmitRequest request) {
        try {
            // the content is represented by its declared digest: the digest check guards the rest
            Map<String, Object> identity = new java.util.TreeMap<>();
            identity.put("procedureCode", request.procedureCode());
            identity.put("destination", request.destination());
            identity.put("contentType", request.payload() == null ? null : request.payload().contentType());
            identity.put("sha256", request.payload() == null || request.payload().sha256() == null ? null
                    : request.payload().sha256().toLowerCase());
            identity.put("signature", request.signature());
            identity.put("deadline", request.deadline() == null ? null : request.deadline().toString());
            identity.put("applicant", request.applicant() == null ? null : request.applicant().citizenId());
            return RecordValidator.sha256Hex(json.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
