package vn.hanoi.lgsp.status;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * The LGSP's level-2 status (Appendix 01 §2.3): each dependency checked side by side, each
 * within a time limit. Read by the status API and the portal's status page.
 */
@Service
public class LgspStatus {

    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    public enum State { UP, DOWN }

    /** @param detail why it is down; null when up */
    public record Component(String name, State status, long latencyMs, String detail) {
    }

    private final List<ComponentCheck> checks;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "status-check");
        t.setDaemon(true);
        return t;
    });

    LgspStatus(List<ComponentCheck> checks) {
        this.checks = checks;
    }

    /** Every component, by name. */
    public List<Component> components() {
        List<CompletableFuture<Component>> running = checks.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> run(c), executor)
                        .completeOnTimeout(new Component(c.name(), State.DOWN, CHECK_TIMEOUT.toMillis(),
                                "no answer within " + CHECK_TIMEOUT.toSeconds() + " s"), CHECK_TIMEOUT.toMillis(),
                                TimeUnit.MILLISECONDS))
                .toList();
        return running.stream().map(CompletableFuture::join).sorted(Comparator.comparing(Component::name)).toList();
    }

    /** How long the public status page shows one round of checks. */
    static final Duration PUBLIC_REFRESH = Duration.ofSeconds(15);
    private volatile Round lastRound;

    private record Round(java.time.Instant at, List<Component> components) {
    }

    /** The last round of checks if it is recent, otherwise a new one: many readers, one round per period. */
    public synchronized List<Component> recentComponents() {
        Round last = lastRound;
        if (last == null || last.at().plus(PUBLIC_REFRESH).isBefore(java.time.Instant.now())) {
            last = new Round(java.time.Instant.now(), components());
            lastRound = last;
        }
        return last.components();
    }

    /** When this node started: its uptime is counted from there. */
    public Instant startedAt() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    private static Component run(ComponentCheck check) {
        long start = System.nanoTime();
        try {
            check.check();
            return new Component(check.name(), State.UP, (System.nanoTime() - start) / 1_000_000, null);
        } catch (Exception e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return new Component(check.name(), State.DOWN, (System.nanoTime() - start) / 1_000_000, reason);
        }
    }
}
