package vn.hanoi.lgsp.connection;

import java.time.Instant;
import java.util.List;

/**
 * What one poll of a system found: level 1 ({@code GET {base}/status}) and, where the
 * system offers it, level 2 ({@code GET {base}/status/services}).
 */
record CheckOutcome(String agencyCode, String baseUrl, Instant at, State state, Integer httpStatus, long latencyMs,
                    String error, List<ServiceState> services) {

    enum State { UP, SLOW, DEGRADED, DOWN, MAINTENANCE }

    record ServiceState(String name, String status) {
    }

    boolean bad() {
        return state == State.DOWN || state == State.DEGRADED || state == State.SLOW;
    }
}
