package vn.hanoi.lgsp.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * R-25: the shared counters' arithmetic, on counters kept in memory as the database keeps them
 * (each change atomic); the database itself is exercised by {@code ConcurrentFirstUseTest}.
 */
class SharedLimitsTest {

    static final RateLimitSettings REFUSE = new RateLimitSettings(RateLimitSettings.StoreFailure.REFUSE, 200,
            Duration.ofMillis(100));

    /** What the upserts do, one atomic step each, with a count of round trips. */
    static class MemoryCounters extends WindowCounters {
        final Map<String, AtomicLong> rows = new ConcurrentHashMap<>();
        final AtomicLong roundTrips = new AtomicLong();

        MemoryCounters() {
            super(null);
        }

        private AtomicLong row(String key, long windowStart) {
            roundTrips.incrementAndGet();
            return rows.computeIfAbsent(key + "@" + windowStart, k -> new AtomicLong());
        }

        @Override
        boolean takeIfBelow(String key, long windowStart, long windowMillis, long limit) {
            AtomicLong row = row(key, windowStart);
            return row.getAndUpdate(used -> used < limit ? used + 1 : used) < limit;
        }

        @Override
        long add(String key, long windowStart, long windowMillis, long calls) {
            return row(key, windowStart).addAndGet(calls);
        }

        @Override
        long read(String key, long windowStart) {
            return row(key, windowStart).get();
        }
    }

    @Test
    void aSmallLimitIsExactAndARefusalIsNotCounted() {
        MemoryCounters counters = new MemoryCounters();
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:30Z"), ZoneOffset.UTC);
        SharedLimits limits = new SharedLimits(counters, REFUSE, clock);

        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outcomes.add(limits.take("c", 5, Duration.ofMinutes(1)).allowed());
        }

        assertThat(outcomes).containsExactly(true, true, true, true, true, false, false, false);
        assertThat(counters.rows.values()).singleElement().extracting(AtomicLong::get).isEqualTo(5L);
        assertThat(counters.roundTrips.get()).as("refusals after the first cost no round trip").isEqualTo(6);
        assertThat(limits.take("c", 6, Duration.ofMinutes(1)).allowed()).as("a raised limit is asked again").isTrue();
        SharedLimits.Decision refused = limits.take("c", 5, Duration.ofMinutes(1));
        assertThat(refused.retryAfterSeconds()).as("seconds to the end of the minute").isEqualTo(30);
        assertThat(refused.storeUnavailable()).isFalse();
    }

    /**
     * Two nodes, each with 8 threads, take from one counter with a large limit: together they let
     * through the limit and at most one unsettled batch per node more, in far fewer round trips than calls.
     */
    @Test
    void twoNodesTogetherKeepALargeLimitWithinOneBatchEach() throws Exception {
        MemoryCounters counters = new MemoryCounters();
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        List<SharedLimits> nodes = List.of(new SharedLimits(counters, REFUSE, clock), new SharedLimits(counters, REFUSE, clock));
        long limit = 5_000;

        AtomicLong allowed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            SharedLimits node = nodes.get(t % 2);
            threads.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 1_000; i++) {
                    if (node.take("busy", limit, Duration.ofMinutes(1)).allowed()) {
                        allowed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> thread : threads) {
            thread.get();
        }
        pool.shutdown();

        long batch = limit / 100;
        assertThat(allowed.get()).isBetween(limit, limit + 2 * batch);
        assertThat(counters.roundTrips.get()).as("round trips for 16,000 calls").isLessThan(1_000);
    }

    @Test
    void aFailingStoreRefusesWithARetryTimeOrLetsThroughAsConfigured() {
        WindowCounters broken = new WindowCounters(null) {
            @Override
            boolean takeIfBelow(String key, long windowStart, long windowMillis, long limit) {
                throw new DataAccessResourceFailureException("connection refused");
            }

            @Override
            long read(String key, long windowStart) {
                throw new DataAccessResourceFailureException("connection refused");
            }
        };
        SharedLimits closed = new SharedLimits(broken, REFUSE);
        SharedLimits open = new SharedLimits(broken, new RateLimitSettings(RateLimitSettings.StoreFailure.ALLOW, 200,
                Duration.ofMillis(100)));

        for (long limit : new long[] {5, 5_000}) {
            SharedLimits.Decision refused = closed.take("k" + limit, limit, Duration.ofMinutes(1));
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.storeUnavailable()).isTrue();
            assertThat(refused.retryAfterSeconds()).isEqualTo(5);
            assertThat(open.take("k" + limit, limit, Duration.ofMinutes(1)).allowed()).isTrue();
        }
    }

    @Test
    void aNewWindowStartsFromZero() {
        MemoryCounters counters = new MemoryCounters();
        AtomicLong now = new AtomicLong(Instant.parse("2026-12-06T10:00:00Z").toEpochMilli());
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        SharedLimits limits = new SharedLimits(counters, REFUSE, clock);
        for (long limit : new long[] {3, 300}) {
            String key = "w" + limit;
            long taken = 0;
            while (limits.take(key, limit, Duration.ofSeconds(10)).allowed()) {
                taken++;
            }
            assertThat(taken).isEqualTo(limit);
            now.addAndGet(10_000);
            assertThat(limits.take(key, limit, Duration.ofSeconds(10)).allowed()).isTrue();
            now.addAndGet(-10_000);
        }
    }
}
