package vn.hanoi.lgsp.catalog;

import java.time.Instant;

/**
 * Published inside the transaction that moves a version, so that listeners (grants, the
 * gateway) act atomically with the move.
 */
public record VersionStatusChanged(String service, String provider, String version, VersionStatus from,
                                   VersionStatus to, String actor, Instant at) {
}
