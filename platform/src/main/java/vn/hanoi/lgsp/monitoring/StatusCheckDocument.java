package vn.hanoi.lgsp.monitoring;

import java.time.Instant;

/**
 * One connection-status check as kept for at least 3 months. A level-1 check asks
 * the system's REST endpoint whether it answers at all; a level-2 check yields one document
 * for the whole answer ({@code service} null) and one per service it reports on.
 *
 * @param checkId     document id in Elasticsearch: unique per document, so a retry overwrites
 * @param timestamp   when the check started; it also chooses the monthly index (UTC)
 * @param agencyCode  electronic identifier code of the agency whose system was checked
 * @param systemUrl   the status endpoint that was called
 * @param level       {@value #SYSTEM} system, {@value #SERVICES} services
 * @param service     the service a level-2 entry is about; null for the overall check
 * @param httpStatus  what the endpoint answered; null when it did not answer
 * @param latencyMs   time to the answer, or to giving up
 * @param error       why the check failed, when it did
 * @param maintenance the check fell in an announced maintenance window
 * @param environment {@code production} or {@code test}
 * @param clockSkewMs the system's clock minus the LGSP's, read from the level-1 answer's
 *                    {@code time} (Đ7.4); null when not measured (level 2, no answer, no time)
 */
public record StatusCheckDocument(
        String checkId,
        Instant timestamp,
        String agencyCode,
        String systemUrl,
        int level,
        String service,
        State state,
        Integer httpStatus,
        Long latencyMs,
        String error,
        boolean maintenance,
        String environment,
        Long clockSkewMs) {

    public static final int SYSTEM = 1;
    public static final int SERVICES = 2;

    public enum State { UP, DOWN, SLOW, DEGRADED, MAINTENANCE }
}
