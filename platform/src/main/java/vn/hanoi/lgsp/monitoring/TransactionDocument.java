package vn.hanoi.lgsp.monitoring;

import java.time.Instant;

/**
 * One transaction as monitoring, reconciliation and reports see it: who called
 * what, where it went, how it ended. Never any payload content.
 *
 * @param transactionId     document id in Elasticsearch: the same transaction is indexed once
 * @param kind              what happened: {@code api-call}, {@code agency-registered}, ...
 * @param sourceAgency      electronic identifier code of the caller or sender
 * @param destinationAgency electronic identifier code of the receiver, if any
 * @param code              {@code 00} success or {@code 01} failure
 * @param upstreamMs        for a gateway call, how long the provider took (durationMs is the whole call)
 * @param purpose           for a gateway call on personal data, the purpose the consumer declared
 * @param officer           for a gateway call on personal data, the officer on whose behalf it was made
 */
public record TransactionDocument(
        String transactionId,
        Instant timestamp,
        String kind,
        String method,
        String path,
        String sourceAgency,
        String destinationAgency,
        String service,
        String serviceVersion,
        String route,
        String exchangeId,
        String processInstanceId,
        String code,
        String error,
        Integer httpStatus,
        Long durationMs,
        Long requestBytes,
        Long responseBytes,
        String environment,
        Long upstreamMs,
        String purpose,
        String officer) {

    /** A business milestone that is not itself an HTTP call. */
    public static TransactionDocument milestone(String transactionId, String kind, String sourceAgency,
                                                String destinationAgency, String environment) {
        return new TransactionDocument(transactionId, Instant.now(), kind, null, null, sourceAgency, destinationAgency,
                null, null, null, null, null, "00", null, null, null, null, null, environment, null, null, null);
    }
}
