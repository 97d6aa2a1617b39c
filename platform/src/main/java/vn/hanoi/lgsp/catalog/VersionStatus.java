package vn.hanoi.lgsp.catalog;

import java.util.Optional;

/**
 * Where a service version stands in its lifecycle, which it walks one stage at a
 * time: DRAFT → TEST → PUBLISHED → DEPRECATED → RETIRED. A service as a whole carries the
 * furthest live stage of its versions.
 */
public enum VersionStatus {
    /** Registered, not yet callable. */
    DRAFT,
    /** Callable on the test environment while provider and consumers check the connection. */
    TEST,
    /** Callable in production. At most one version of a service is published at a time. */
    PUBLISHED,
    /** Still callable until its sunset; consumers move to the successor or away. */
    DEPRECATED,
    /** Ended: no longer callable, every grant revoked. */
    RETIRED;

    /** The only stage this one may move to; empty once retired. */
    public Optional<VersionStatus> next() {
        return this == RETIRED ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }
}
