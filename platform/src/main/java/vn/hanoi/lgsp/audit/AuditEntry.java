package vn.hanoi.lgsp.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit journal (R-19, Đ13.5): who did what, when, on what, and how it ended.
 * Never content; a personal identifier only as a keyed hash.
 *
 * @param actor         the Keycloak client or user name, or {@code lgsp} for the platform itself
 * @param agencyCode    the acting agency, when the actor belongs to one
 * @param action        what was done, e.g. {@code gateway.call}
 * @param target        on what, e.g. {@code hotich-tra-cuu/v1}
 * @param outcome       {@code 00} or {@code 01}
 * @param details       further facts of the action, written as JSON
 */
public record AuditEntry(
        Instant at,
        ActorKind actorKind,
        String actor,
        String agencyCode,
        String action,
        String target,
        String outcome,
        String transactionId,
        Map<String, Object> details) {

    public enum ActorKind { AGENCY_SYSTEM, STAFF, PLATFORM, NATIONAL_PLATFORM, ANONYMOUS }

    public AuditEntry {
        details = details == null ? Map.of() : details;
    }
}
