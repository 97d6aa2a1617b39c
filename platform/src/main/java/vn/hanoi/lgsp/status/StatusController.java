package vn.hanoi.lgsp.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.status.LgspStatus.Component;
import vn.hanoi.lgsp.status.LgspStatus.State;

/**
 * The LGSP's own connection status (Appendix 01 §2.3): level 1 answers at once and checks
 * nothing; level 2 checks each dependency (see {@link LgspStatus}).
 */
@RestController
@RequestMapping("/api/v1/status")
class StatusController {

    private final LgspStatus status;
    private final ClockReference clock;

    StatusController(LgspStatus status, ClockReference clock) {
        this.status = status;
        this.clock = clock;
    }

    record Level1(String code, String message, State status, Instant time) {
    }

    /**
     * @param clockSkewMs    the LGSP's clock against {@code clockReference}'s (Đ7.4): the LGSP's time
     *                       minus the reference's, in milliseconds (positive: the LGSP is ahead); null
     *                       when not measured
     * @param clockReference whose clock it is compared with: NDXP's
     */
    record Level2(String code, String message, String error, State status, Instant time,
                  @JsonInclude(JsonInclude.Include.ALWAYS) Long clockSkewMs, String clockReference,
                  List<Component> components) {
    }

    @GetMapping
    Level1 level1() {
        return new Level1(ApiResponses.SUCCESS, "LGSP is running", State.UP, Instant.now());
    }

    @GetMapping("/services")
    ResponseEntity<Level2> level2() {
        // measured while the components are checked, so the answer waits for the slower of the two
        CompletableFuture<Long> skew = clock.skewMillis();
        List<Component> components = status.components();
        Long clockSkewMs = skewWithin(skew, ClockReference.TIMEOUT);
        List<String> down = components.stream().filter(c -> c.status() == State.DOWN).map(Component::name).toList();
        if (down.isEmpty()) {
            return ResponseEntity.ok(new Level2(ApiResponses.SUCCESS, "All LGSP components are up", null, State.UP,
                    Instant.now(), clockSkewMs, ClockReference.REFERENCE, components));
        }
        return ResponseEntity.status(ErrorCode.UPSTREAM_UNAVAILABLE.status()).body(new Level2("01",
                "LGSP components down: " + String.join(", ", down), ErrorCode.UPSTREAM_UNAVAILABLE.name(), State.DOWN,
                Instant.now(), clockSkewMs, ClockReference.REFERENCE, components));
    }

    /** The measurement is shared by every caller: waiting for it must not complete it for them. */
    private static Long skewWithin(CompletableFuture<Long> skew, Duration timeout) {
        try {
            return skew.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
