package vn.hanoi.lgsp.connection;

import java.time.Instant;
import java.util.List;

/**
 * What one poll of a system found: level 1 ({@code GET {base}/status}) and, where the
 * system offers it, level 2 ({@code GET {base}/status/services}).
 *
 * @param clockSkewMs the system's clock minus the LGSP's, from the {@code time} of its level-1
 *                    answer (Đ7.4); null when it gave none that could be read, or did not answer
 */
record CheckOutcome(String agencyCode, String baseUrl, Instant at, State state, Integer httpStatus, long latencyMs,
                    String error, List<ServiceState> services, Long clockSkewMs) {

    enum State { UP, SLOW, DEGRADED, DOWN, MAINTENANCE }

    record ServiceState(String name, String status) {
    }

    boolean bad() {
        return state == State.DOWN || state == State.DEGRADED || state == State.SLOW;
    }
}
