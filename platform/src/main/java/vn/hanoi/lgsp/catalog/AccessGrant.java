package vn.hanoi.lgsp.catalog;

import java.time.Instant;

/**
 * Permission for a consumer agency to call one version of a service in one environment
 * . Revoked grants are kept for the audit journal.
 *
 * @param reason why the grant was revoked, once it is
 * @param quota  calls per gateway quota window this consumer may make on the version; null
 *               means the gateway's default
 */
public record AccessGrant(
        long id,
        String consumer,
        String service,
        String version,
        Environment environment,
        Instant grantedAt,
        String grantedBy,
        Instant revokedAt,
        String revokedBy,
        String reason,
        Integer quota) {

    /** Onboarding runs on the test environment first, then production (Appendix 01 §3.1). */
    public enum Environment { TEST, PRODUCTION }

    public boolean isActive() {
        return revokedAt == null;
    }
}
