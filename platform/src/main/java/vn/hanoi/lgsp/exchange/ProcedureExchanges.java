package vn.hanoi.lgsp.exchange;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records that procedures' cases send (the building block "Gửi hồ sơ đến cơ quan và chờ kết quả"):
 * exchanges like any other — checked, routed by {@code exchange-routing}, sealed while they wait,
 * delivered with a receipt, their content gone when they end — made by the LGSP on
 * behalf of the case's owning agency, and answered to the case instead of the agency's system.
 */
@Component
public class ProcedureExchanges {

    /** Idempotency keys of cases' records; reserved, an agency's system cannot use them. */
    public static final String KEY_PREFIX = "case:";
    static final String CHANNEL = "PROCEDURE";

    /** How a case's record ended, published (in the engine's transaction) when its exchange ends. */
    public record Outcome(UUID exchangeId, String status, String resultCode, String resultMessage,
                          String resultReference, String failureReason) {

        public boolean processed() {
            return "COMPLETED".equals(status) && "00".equals(resultCode);
        }

        public boolean refused() {
            return "01".equals(resultCode);
        }

        public boolean expired() {
            return "EXPIRED".equals(status);
        }
    }

    private final ExchangeService exchanges;

    ProcedureExchanges(ExchangeService exchanges) {
        this.exchanges = exchanges;
    }

    /**
     * Sends the record once per key: the same key again (a retried step) finds the first exchange.
     *
     * @param key unique per case and step, after {@link #KEY_PREFIX}
     */
    public UUID send(String owner, String key, String destination, String procedureCode, String contentType,
                     byte[] content, Instant deadline) {
        SubmitRequest request = new SubmitRequest(procedureCode, destination,
                new SubmitRequest.Payload(contentType, Base64.getEncoder().encodeToString(content),
                        RecordValidator.sha256Hex(content)), null, deadline, null);
        return exchanges.submitForCase(owner, KEY_PREFIX + key, request).exchange().id();
    }

    static boolean madeForCase(ExchangeStore.Exchange exchange) {
        return exchange.idempotencyKey() != null && exchange.idempotencyKey().startsWith(KEY_PREFIX);
    }

    static Outcome outcome(ExchangeStore.Exchange e) {
        return new Outcome(e.id(), e.status().name(), e.resultCode(), e.resultMessage(), e.resultReference(),
                e.failureReason());
    }
}
