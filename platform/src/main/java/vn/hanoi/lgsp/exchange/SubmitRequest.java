package vn.hanoi.lgsp.exchange;

import java.time.Instant;

/**
 * What a source system submits: {@code POST /api/v1/exchanges}.
 *
 * @param procedureCode administrative procedure, e.g. {@code 1.011442.000.00.00.H26}
 * @param destination   electronic identifier code of the destination agency
 * @param payload       the record, base64, with its declared SHA-256
 * @param signature     detached JWS over the content, verified with the source's registered key
 * @param deadline      when the destination's result is due
 * @param applicant     the citizen the record concerns, verified through VDXP
 */
record SubmitRequest(String procedureCode, String destination, Payload payload, String signature, Instant deadline,
                     Applicant applicant) {

    record Payload(String contentType, String content, String sha256) {
    }

    record Applicant(String citizenId, String fullName) {
    }
}
