package vn.hanoi.lgsp.workercontract;

import java.time.Instant;

/**
 * The platform's worker API ({@code /api/v1/internal/exchanges}), typed once for both sides:
 * the platform answers with these records and the workers read them, so a change of shape is a
 * compile error on one side or the contract test's failure, never a silent null.
 */
public final class WorkerApi {

    public static final String PATH = "/api/v1/internal/exchanges";

    private WorkerApi() {
    }

    /** An agency system as the workers reach it; {@code audienceScope} gets a token for that agency alone. */
    public record Endpoint(String baseUrl, boolean pushEnabled, String audienceScope) {
    }

    /** The destination's processing result. */
    public record Result(String code, String message, String reference) {
    }

    /**
     * Everything a delivery needs; the content (base64) and the source's detached JWS only while
     * the exchange still holds them.
     */
    public record Delivery(String code, String message, String exchangeId, String status, String source,
                           String destination, String procedureCode, String contentType, String sha256,
                           Instant deadline, String content, String signature, boolean receiptConfirmed,
                           Endpoint sourceSystem, Endpoint destinationSystem, Result result, String failureReason) {
    }

    /** The applicant to verify through VDXP: personal data, read only for that. */
    public record Applicant(String code, String message, String citizenId, String fullName) {
    }

    /** The destination's receipt, with the push attempt that brought it (for monitoring). */
    public record Receipt(String receivedSha256, Integer httpStatus, Long durationMs) {
    }

    /** One delivery attempt, for monitoring. */
    public record Attempt(String route, boolean success, String error, Integer httpStatus, Long durationMs) {
    }
}
