package vn.hanoi.lgsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * R-07 under concurrency: the gateway's first calls to a provider register its outbound client
 * from many threads at once; none of them may find the client known but its registration missing
 * (which answered 503 "could not obtain its credentials" to a valid call).
 */
class OutboundTokensTest {

    @Test
    void aClientRegisteredFromManyThreadsAtOnceIsRegisteredForEachOfThem() throws Exception {
        OutboundTokens.Client client = new OutboundTokens.Client("http://127.0.0.1:1/token", "lgsp-gateway", "secret",
                OutboundTokens.CredentialStyle.FORM, java.util.Set.of("lgsp-provider-000.00.13.H26"));
        AtomicInteger unregistered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (int round = 0; round < 200; round++) {
                OutboundTokens tokens = new OutboundTokens();
                String name = "provider:" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < 32; t++) {
                    threads.add(pool.submit(() -> {
                        start.await();
                        tokens.register(name, client);
                        if (!tokens.registered(name)) {
                            unregistered.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : threads) {
                    f.get();
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(unregistered.get()).as("callers that found their client registered without its registration").isZero();
    }
}
