package vn.hanoi.lgsp.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * The LGSP's own connection status (Appendix 01 §2.3): level 1 answers at once and checks
 * nothing; level 2 checks each dependency, side by side, each within a time limit.
 */
@RestController
@RequestMapping("/api/v1/status")
class StatusController {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final List<ComponentCheck> checks;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "status-check");
        t.setDaemon(true);
        return t;
    });

    StatusController(List<ComponentCheck> checks) {
        this.checks = checks;
    }

    enum State { UP, DOWN }

    record Level1(String code, String message, State status, Instant time) {
    }

    record Component(String name, State status, long latencyMs, String detail) {
    }

    record Level2(String code, String message, String error, State status, Instant time, List<Component> components) {
    }

    @GetMapping
    Level1 level1() {
        return new Level1(ApiResponses.SUCCESS, "LGSP is running", State.UP, Instant.now());
    }

    @GetMapping("/services")
    ResponseEntity<Level2> level2() {
        List<CompletableFuture<Component>> running = checks.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> run(c), executor)
                        .completeOnTimeout(new Component(c.name(), State.DOWN, CHECK_TIMEOUT.toMillis(),
                                "no answer within " + CHECK_TIMEOUT.toSeconds() + " s"), CHECK_TIMEOUT.toMillis(),
                                TimeUnit.MILLISECONDS))
                .toList();
        List<Component> components = running.stream().map(CompletableFuture::join)
                .sorted(java.util.Comparator.comparing(Component::name)).toList();
        List<String> down = components.stream().filter(c -> c.status() == State.DOWN).map(Component::name).toList();
        if (down.isEmpty()) {
            return ResponseEntity.ok(new Level2(ApiResponses.SUCCESS, "All LGSP components are up", null, State.UP,
                    Instant.now(), components));
        }
        return ResponseEntity.status(ErrorCode.UPSTREAM_UNAVAILABLE.status()).body(new Level2("01",
                "LGSP components down: " + String.join(", ", down), ErrorCode.UPSTREAM_UNAVAILABLE.name(), State.DOWN,
                Instant.now(), components));
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
