package vn.hanoi.lgsp.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** The lifecycle rules of service versions and grants, free of storage so that they test alone. */
final class Lifecycle {

    /** an old version keeps running at least this long after its successor is published. */
    static final Duration UPGRADE_OVERLAP = Duration.ofDays(ServiceTerms.UPGRADE_OVERLAP_DAYS);
    /** consumers are told at least this long before a service without successor ends. */
    static final Duration RETIREMENT_NOTICE = Duration.ofDays(ServiceTerms.RETIREMENT_NOTICE_DAYS);

    private static final String PATH = "DRAFT → TEST → PUBLISHED → DEPRECATED → RETIRED";

    private Lifecycle() {
    }

    /**
     * One version changing stage; {@code sunsetAt} is set when it becomes deprecated, with
     * {@code noticeGivenAt} when its consumers were told of its end before that.
     */
    record Change(String version, VersionStatus from, VersionStatus to, Instant sunsetAt, Instant noticeGivenAt) {

        Change(String version, VersionStatus from, VersionStatus to, Instant sunsetAt) {
            this(version, from, to, sunsetAt, null);
        }
    }

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * What moving one version to {@code target} changes, in the order to apply it (versions
     * leaving PUBLISHED first, so that at most one is published at any moment), or why not.
     */
    static List<Change> plan(SharedService service, String version, VersionStatus target, Instant now) {
        return plan(service, version, target, now, null, null);
    }

    /**
     * As {@link #plan(SharedService, String, VersionStatus, Instant)}, with the sunset the
     * provider asked for: on publication, of the version it replaces (never earlier than 180
     * days, later if asked); on deprecation, of the version itself, refused when fewer than 60
     * calendar days (in Hanoi) lie between it and {@code noticeGivenAt} (when consumers were
     * first told; now when null).
     */
    static List<Change> plan(SharedService service, String version, VersionStatus target, Instant now,
                             Instant requestedSunset, Instant noticeGivenAt) {
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
                        Instant earliest = now.plus(UPGRADE_OVERLAP);
                        Instant sunset = requestedSunset != null && requestedSunset.isAfter(earliest) ? requestedSunset
                                : earliest;
                        changes.add(new Change(other.version(), VersionStatus.PUBLISHED, VersionStatus.DEPRECATED,
                                sunset));
                    }
                }
                changes.add(new Change(version, from, target, null));
            }
            case DEPRECATED -> {
                Instant noticeFrom = noticeGivenAt == null ? now : noticeGivenAt;
                Instant sunset = requestedSunset == null ? now.plus(RETIREMENT_NOTICE) : requestedSunset;
                long days = noticeDays(noticeFrom, sunset);
                if (days < ServiceTerms.RETIREMENT_NOTICE_DAYS) {
                    throw new ApiException(ErrorCode.VALIDATION_FAILED, subject + ": its end on "
                            + sunset.atZone(HANOI).toLocalDate() + " is " + days + " days after consumers were told; "
                            + "at least " + ServiceTerms.RETIREMENT_NOTICE_DAYS + " are required (R-16)");
                }
                changes.add(new Change(version, from, target, sunset, noticeGivenAt));
            }
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

    /**
     * A version that was never published ends without a sunset: a new version DOST refused,
     * or the unpublished versions of a service that retires.
     */
    static Change withdrawal(SharedService service, String version) {
        ServiceVersion moving = service.version(version).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + service.code() + " has no version " + version));
        if (moving.status() != VersionStatus.DRAFT && moving.status() != VersionStatus.TEST) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Version " + version + " of " + service.code() + " is "
                    + moving.status() + ": only a version never published (DRAFT or TEST) is withdrawn; a published "
                    + "one ends through DEPRECATED and its sunset");
        }
        return new Change(version, moving.status(), VersionStatus.RETIRED, null);
    }

    /** Calendar days in Hanoi from the day consumers were told to the day a service ends. */
    static long noticeDays(Instant toldAt, Instant endsAt) {
        return ChronoUnit.DAYS.between(toldAt.atZone(HANOI).toLocalDate(), endsAt.atZone(HANOI).toLocalDate());
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
