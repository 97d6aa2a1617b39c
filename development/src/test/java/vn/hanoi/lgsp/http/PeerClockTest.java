package vn.hanoi.lgsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Đ7.4: a peer's clock read from the time in its status answer, against the round trip's midpoint. */
class PeerClockTest {

    private static final Instant SENT = Instant.parse("2026-03-02T01:00:00Z");
    private static final Duration THRESHOLD = Duration.ofSeconds(2);

    @Test
    void comparesThePeersTimeWithTheMidpointOfTheRoundTrip() {
        // sent at :00.000, answered at :00.400: the peer wrote its time around :00.200
        assertThat(PeerClock.skewMillis("2026-03-02T01:00:10.200Z", SENT, Duration.ofMillis(400))).isEqualTo(10_000);
        assertThat(PeerClock.skewMillis("2026-03-02T01:00:00.200Z", SENT, Duration.ofMillis(400))).isZero();
        assertThat(PeerClock.skewMillis("2026-03-02T00:59:57.200Z", SENT, Duration.ofMillis(400))).isEqualTo(-3_000);
    }

    @Test
    void readsATimeWrittenWithAnOffset() {
        assertThat(PeerClock.skewMillis("2026-03-02T08:00:05+07:00", SENT, Duration.ZERO)).isEqualTo(5_000);
    }

    @Test
    void noTimeOrAnUnreadableOneIsUnknownNotZero() {
        assertThat(PeerClock.skewMillis(null, SENT, Duration.ZERO)).isNull();
        assertThat(PeerClock.skewMillis("", SENT, Duration.ZERO)).isNull();
        assertThat(PeerClock.skewMillis("hôm nay", SENT, Duration.ZERO)).isNull();
        assertThat(PeerClock.skewMillis("2026-03-02 08:00:05", SENT, Duration.ZERO)).isNull();
    }

    @Test
    void aLongRoundTripAloneNeverMakesAClockLookWrong() {
        // 2.5 s measured over a 2 s round trip: the true skew may be anywhere in 1.5..3.5 s
        assertThat(PeerClock.certainlyBeyond(2_500, Duration.ofSeconds(2), THRESHOLD)).isFalse();
        assertThat(PeerClock.certainlyWithin(2_500, Duration.ofSeconds(2), THRESHOLD)).isFalse();
        // the same over 10 ms: beyond
        assertThat(PeerClock.certainlyBeyond(2_500, Duration.ofMillis(10), THRESHOLD)).isTrue();
        assertThat(PeerClock.certainlyBeyond(-10_000, Duration.ofMillis(10), THRESHOLD)).isTrue();
        assertThat(PeerClock.certainlyWithin(150, Duration.ofMillis(10), THRESHOLD)).isTrue();
        assertThat(PeerClock.certainlyWithin(-1_990, Duration.ofMillis(10), THRESHOLD)).isTrue();
    }
}
