package vn.hanoi.lgsp.simulators;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The faults a simulator injects: latency, random or scripted failures, truncated bodies, a
 * clock that is off, and being switched off altogether. Changes take effect on the next request.
 */
public final class SimulatorBehaviour {

    private final Random random;
    private final Consumer<Boolean> downSwitch;
    private final AtomicInteger pendingFailures = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile double errorRate;
    private volatile boolean malformed;
    private volatile boolean down;
    private volatile Duration clockOffset = Duration.ZERO;

    /**
     * @param seed       fixed per simulator so that a given error rate fails the same requests on
     *                   every run
     * @param downSwitch stops or restarts the owning server
     */
    SimulatorBehaviour(long seed, Consumer<Boolean> downSwitch) {
        this.random = new Random(seed);
        this.downSwitch = Objects.requireNonNull(downSwitch);
    }

    public Duration getLatency() {
        return latency;
    }

    public void setLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    public double getErrorRate() {
        return errorRate;
    }

    public void setErrorRate(double errorRate) {
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be within 0..1: " + errorRate);
        }
        this.errorRate = errorRate;
    }

    public boolean isMalformed() {
        return malformed;
    }

    public void setMalformed(boolean malformed) {
        this.malformed = malformed;
    }

    /** How far the time this server reports is from the host's clock: positive ahead, negative behind. */
    public Duration getClockOffset() {
        return clockOffset;
    }

    public void setClockOffset(Duration clockOffset) {
        this.clockOffset = Objects.requireNonNull(clockOffset, "clockOffset");
    }

    /** The time this server reports: the host's clock moved by the clock offset. */
    public Instant now() {
        return Instant.now().plus(clockOffset);
    }

    public boolean isDown() {
        return down;
    }

    /**
     * {@code true} stops the server so that connections are refused; {@code false} starts it
     * again on the same port. Returns once the change is in effect.
     */
    public void setDown(boolean down) {
        downSwitch.accept(down);
    }

    /** The next {@code n} business requests answer HTTP 500, whatever the error rate. */
    public void failNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        pendingFailures.set(n);
    }

    /** How many scripted failures are still to come. */
    public int getPendingFailures() {
        return pendingFailures.get();
    }

    /** Restores every setting to its default, except {@code down}. */
    public void reset() {
        latency = Duration.ZERO;
        errorRate = 0.0;
        malformed = false;
        clockOffset = Duration.ZERO;
        pendingFailures.set(0);
    }

    /** Decides, and consumes, whether the request now arriving fails. */
    boolean takeFailure() {
        if (pendingFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return true;
        }
        double rate = errorRate;
        if (rate <= 0.0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }

    /** Records the server's actual state without switching it (the server calls this). */
    void markDown(boolean down) {
        this.down = down;
    }

    @Override
    public String toString() {
        return "SimulatorBehaviour[latency=" + latency + ", errorRate=" + errorRate
                + ", malformed=" + malformed + ", clockOffset=" + clockOffset + ", down=" + down
                + ", pendingFailures=" + pendingFailures.get() + "]";
    }
}
