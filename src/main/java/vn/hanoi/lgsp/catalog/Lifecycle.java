package vn.hanoi.lgsp.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** The lifecycle rules of service versions and grants, free of storage so that they test alone. */
final class Lifecycle {

    /** an old version keeps running at least this long after its successor is published. */
    static final Duration UPGRADE_OVERLAP = Duration.ofDays(180);
    /** consumers are told at least this long before a service without successor ends. */
    static final Duration RETIREMENT_NOTICE = Duration.ofDays(60);

    private static final String PATH = "DRAFT → TEST → PUBLISHED → DEPRECATED → RETIRED";

    private Lifecycle() {
    }

    /** One version changing stage; {@code sunsetAt} is set when it becomes deprecated. */
    record Change(String version, VersionStatus from, VersionStatus to, Instant sunsetAt) {
    }

    /**
     * What moving one version to {@code target} changes, in the order to apply it (versions
     * leaving PUBLISHED first, so that at most one is published at any moment), or why not.
     */
    static List<Change> plan(SharedService service, String version, VersionStatus target, Instant now) {
        ServiceVersion moving = service.version(version).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + service.code() + " has no version " + version));
        if (target == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The target status is required: one of " + PATH);
        }
        VersionStatus from = moving.status();
        String subject = "Version " + version + " of " + service.code() + " is " + from;
        if (from == target) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, subject + " already");
        }
        if (from.next().orElse(null) != target) {
            String refused = target.ordinal() < from.ordinal() ? "it cannot go back to " + target
                    : "it cannot skip to " + target;
            String next = from.next().map(n -> "its next stage is " + n).orElse("its lifecycle has ended");
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    subject + ": " + refused + "; " + next + " (one stage at a time: " + PATH + ")");
        }
        List<Change> changes = new ArrayList<>();
        switch (target) {
            case PUBLISHED -> {
                for (ServiceVersion other : service.versions()) {
                    if (other.status() == VersionStatus.PUBLISHED) {
                        changes.add(new Change(other.version(), VersionStatus.PUBLISHED, VersionStatus.DEPRECATED,
                                now.plus(UPGRADE_OVERLAP)));
                    }
                }
                changes.add(new Change(version, from, target, null));
            }
            case DEPRECATED -> changes.add(new Change(version, from, target, now.plus(RETIREMENT_NOTICE)));
            case RETIRED -> {
                if (moving.sunsetAt() == null || now.isBefore(moving.sunsetAt())) {
                    throw new ApiException(ErrorCode.VALIDATION_FAILED, subject + " until its sunset on "
                            + moving.sunsetAt() + " and cannot be retired before it: consumers keep at least 180 days "
                            + "after a successor is published (R-15) and 60 days' notice of an end (R-16)");
                }
                changes.add(new Change(version, from, target, null));
            }
            default -> changes.add(new Change(version, from, target, null));
        }
        return changes;
    }

    /** The status of a service as a whole: the furthest live stage of its versions. */
    static VersionStatus overall(Collection<VersionStatus> versions) {
        for (VersionStatus candidate : List.of(VersionStatus.PUBLISHED, VersionStatus.DEPRECATED, VersionStatus.TEST,
                VersionStatus.DRAFT)) {
            if (versions.contains(candidate)) {
                return candidate;
            }
        }
        return VersionStatus.RETIRED;
    }

    /**
     * Whether a version in {@code status} may be granted in {@code environment}: the test
     * environment from TEST on, production only once PUBLISHED; nothing new for a
     * version on its way out.
     */
    static void checkGrantable(String service, String version, VersionStatus status,
                               AccessGrant.Environment environment) {
        String subject = "Version " + version + " of " + service + " is " + status;
        switch (status) {
            case DRAFT -> throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    subject + ": it can be granted once it reaches TEST");
            case TEST -> {
                if (environment == AccessGrant.Environment.PRODUCTION) {
                    throw new ApiException(ErrorCode.VALIDATION_FAILED, subject
                            + ": production access needs a PUBLISHED version; grant the TEST environment first (R-14)");
                }
            }
            case DEPRECATED -> throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    subject + ": no new grants; grant its successor instead (R-15)");
            case RETIRED -> throw new ApiException(ErrorCode.VALIDATION_FAILED, subject + ": it can no longer be granted");
            case PUBLISHED -> {
            }
        }
    }
}
