package vn.hanoi.lgsp.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Fixed-window call counters shared by every node, kept in PostgreSQL.
 *
 * <p>A window's counter is one row, created and incremented by a single upsert, so the first
 * calls of a new client from any number of threads and nodes at once cannot race on its
 * creation (the cause of the 500s the Bucket4j proxies gave: a batch of first calls was
 * failed as a whole with "bucket does not exist"). Small limits are counted exactly, a refused
 * call not counted; large ones are counted locally and settled in batches (see
 * {@link RateLimitSettings}). A store that fails never turns a call into a 5xx: the caller is
 * refused with a retry time or let through, as the settings say.
 */
@Component
public class SharedLimits {

    private static final Logger log = LoggerFactory.getLogger(SharedLimits.class);
    /** Retry-After when the counters cannot be read. */
    private static final long STORE_RETRY_SECONDS = 5;

    /**
     * Outcome of taking one call: allowed, or refused with the seconds until the window ends.
     *
     * @param storeUnavailable the counters could not be read; the outcome is the configured fallback
     */
    public record Decision(boolean allowed, long retryAfterSeconds, boolean storeUnavailable) {
        static final Decision ALLOWED = new Decision(true, 0, false);
    }

    private final WindowCounters counters;
    private final RateLimitSettings settings;
    private final Clock clock;
    private final Cache<String, LocalShare> shares = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    /** Small counters found used up: {window start, limit}. A window's count only grows, so they stay refused here. */
    private final Cache<String, long[]> usedUp = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    private volatile long lastStoreWarning;

    @org.springframework.beans.factory.annotation.Autowired
    SharedLimits(WindowCounters counters, RateLimitSettings settings) {
        this(counters, settings, Clock.systemUTC());
    }

    SharedLimits(WindowCounters counters, RateLimitSettings settings, Clock clock) {
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes one call from the counter {@code key} allowing {@code limit} calls per {@code window}.
     * A changed limit or window keeps counting in the same window: the key names who is counted, not how much.
     */
    public Decision take(String key, long limit, Duration window) {
        long now = clock.millis();
        long windowMillis = Math.max(1, window.toMillis());
        long windowStart = now - Math.floorMod(now, windowMillis);
        long retryAfter = Math.max(1, (windowStart + windowMillis - now + 999) / 1000);
        try {
            boolean allowed = limit <= settings.exactUpTo()
                    ? takeExactly(key, windowStart, windowMillis, limit)
                    : shares.get(key, k -> new LocalShare()).take(key, windowStart, windowMillis, limit);
            return allowed ? Decision.ALLOWED : new Decision(false, retryAfter, false);
        } catch (DataAccessException e) {
            warnStoreFailure(e);
            return settings.onStoreFailure() == RateLimitSettings.StoreFailure.ALLOW
                    ? Decision.ALLOWED : new Decision(false, STORE_RETRY_SECONDS, true);
        }
    }

    /** One upsert per call, until the window is found used up: a flood of refused calls costs the database nothing. */
    private boolean takeExactly(String key, long windowStart, long windowMillis, long limit) {
        long[] known = usedUp.getIfPresent(key);
        if (known != null && known[0] == windowStart && limit <= known[1]) {
            return false;
        }
        boolean taken = counters.takeIfBelow(key, windowStart, windowMillis, limit);
        if (!taken) {
            usedUp.put(key, new long[] {windowStart, limit});
        }
        return taken;
    }

    private void warnStoreFailure(DataAccessException e) {
        long now = clock.millis();
        if (now - lastStoreWarning > 10_000) {
            lastStoreWarning = now;
            log.warn("Rate-limit counters unavailable; calls are {} until they are back: {}",
                    settings.onStoreFailure() == RateLimitSettings.StoreFailure.ALLOW ? "let through uncounted" : "refused",
                    e.getMostSpecificCause().getMessage());
        }
    }

    /**
     * One node's view of a large counter: what the database said at the last settlement plus the
     * calls taken here since. Settling is one round trip for all of them, under this object's lock.
     */
    private final class LocalShare {
        private long windowStart = Long.MIN_VALUE;
        private long knownUsed;
        private long unsettled;
        private long settledAt;

        synchronized boolean take(String key, long start, long windowMillis, long limit) {
            if (start != windowStart) {
                // calls of an ended window no longer matter; the new window starts from what the database
                // knows (read first: a failed read must not leave the old window's count in the new one)
                long used = counters.read(key, start);
                windowStart = start;
                unsettled = 0;
                knownUsed = used;
                settledAt = clock.millis();
            }
            if (knownUsed >= limit) {
                // a window's count only grows: once used up it stays so until the window ends
                return false;
            }
            long batch = Math.max(1, limit / 100);
            boolean mustSettle = unsettled + 1 >= batch || knownUsed + unsettled + 1 > limit
                    || clock.millis() - settledAt >= settings.maxUnsettled().toMillis();
            if (!mustSettle) {
                unsettled++;
                return true;
            }
            long taking = unsettled + 1;
            long total = counters.add(key, start, windowMillis, taking);
            unsettled = 0;
            settledAt = clock.millis();
            knownUsed = total;
            // the calls already let through stay let through; this one is decided on the total
            return total <= limit;
        }
    }
}
