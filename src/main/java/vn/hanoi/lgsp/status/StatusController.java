package vn.hanoi.lgsp.status;

import java.time.Instant;
import java.util.List;
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

    StatusController(LgspStatus status) {
        this.status = status;
    }

    record Level1(String code, String message, State status, Instant time) {
    }

    record Level2(String code, String message, String error, State status, Instant time, List<Component> components) {
    }

    @GetMapping
    Level1 level1() {
        return new Level1(ApiResponses.SUCCESS, "LGSP is running", State.UP, Instant.now());
    }

    @GetMapping("/services")
    ResponseEntity<Level2> level2() {
        List<Component> components = status.components();
        List<String> down = components.stream().filter(c -> c.status() == State.DOWN).map(Component::name).toList();
        if (down.isEmpty()) {
            return ResponseEntity.ok(new Level2(ApiResponses.SUCCESS, "All LGSP components are up", null, State.UP,
                    Instant.now(), components));
        }
        return ResponseEntity.status(ErrorCode.UPSTREAM_UNAVAILABLE.status()).body(new Level2("01",
                "LGSP components down: " + String.join(", ", down), ErrorCode.UPSTREAM_UNAVAILABLE.name(), State.DOWN,
                Instant.now(), components));
    }
}
