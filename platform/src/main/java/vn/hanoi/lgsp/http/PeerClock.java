package vn.hanoi.lgsp.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a peer's clock is from ours, read from the {@code time} its status answer carries
 * (Đ7.4: clocks kept in sync). The peer wrote that time somewhere between our request leaving
 * and its answer arriving; the midpoint of the round trip is the best guess of when, and the
 * guess is off by at most half the round trip.
 */
public final class PeerClock {

    private PeerClock() {
    }

    /**
     * @param peerTime  the peer's {@code time}: an ISO-8601 instant, with {@code Z} or an offset
     * @param sent      when the request left, by our clock
     * @param roundTrip from the request leaving to the whole answer read
     * @return the peer's time minus the round trip's midpoint, in milliseconds (positive: the
     *         peer is ahead); null when the peer gave no time or one that cannot be read
     */
    public static Long skewMillis(String peerTime, Instant sent, Duration roundTrip) {
        if (peerTime == null || peerTime.isBlank()) {
            return null;
        }
        Instant reported;
        try {
            reported = Instant.parse(peerTime.trim());
        } catch (DateTimeException e) {
            return null;
        }
        Instant midpoint = sent.plus(roundTrip.dividedBy(2));
        return Duration.between(midpoint, reported).toMillis();
    }

    /**
     * Whether a measured skew is beyond {@code threshold} whatever the network did: the true
     * offset lies within half the round trip of the measured one, so a slow answer alone never
     * makes a clock look wrong.
     */
    public static boolean certainlyBeyond(long skewMillis, Duration roundTrip, Duration threshold) {
        return Math.abs(skewMillis) - roundTrip.toMillis() / 2 > threshold.toMillis();
    }

    /** Whether a measured skew is within {@code threshold} whatever the network did. */
    public static boolean certainlyWithin(long skewMillis, Duration roundTrip, Duration threshold) {
        return Math.abs(skewMillis) + roundTrip.toMillis() / 2 <= threshold.toMillis();
    }
}
