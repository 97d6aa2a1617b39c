package vn.hanoi.lgsp.onboarding;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * An agency's connection needs and the cancellation of its connection (Đ16.3, Đ16.5): its own
 * system or DOST's operators record them; the agency, DOST and supervisors read them. Another
 * agency's are not found.
 */
@RestController
@RequestMapping("/api/v1/agencies/{code}")
class ConnectionNeedController {

    private static final Set<String> READERS = Set.of("dost-operator", "dost-leader", "supervisor");

    private final ConnectionNeeds needs;

    ConnectionNeedController(ConnectionNeeds needs) {
        this.needs = needs;
    }

    record NeedRequest(String kind, LocalDate identifiedOn, String description) {
    }

    record CancellationRequest(String reason) {
    }

    record NeedAnswer(String code, String message, ConnectionNeeds.Need need) {
    }

    record NeedsAnswer(String code, String message, List<ConnectionNeeds.Need> needs,
                       List<ConnectionNeeds.Cancellation> cancellations) {
    }

    record CancellationAnswer(String code, String message, ConnectionNeeds.Cancellation cancellation) {
    }

    @PostMapping("/connection-needs")
    ResponseEntity<NeedAnswer> record(@PathVariable String code, @RequestBody(required = false) NeedRequest request,
                                      Authentication caller) {
        String by = writer(code, caller);
        if (request == null || request.kind() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "kind is required: CONNECT (Đ16.3) or CANCEL (Đ16.5)");
        }
        ConnectionNeeds.Kind kind;
        try {
            kind = ConnectionNeeds.Kind.valueOf(request.kind());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "kind must be CONNECT (Đ16.3) or CANCEL (Đ16.5)");
        }
        ConnectionNeeds.Need need = needs.record(code, kind, request.identifiedOn(), request.description(), by);
        return ResponseEntity.status(HttpStatus.CREATED).body(new NeedAnswer(ApiResponses.SUCCESS, "Need recorded; "
                + (kind == ConnectionNeeds.Kind.CONNECT ? "register it" : "ask for the cancellation") + " by " + need.dueOn(), need));
    }

    @GetMapping("/connection-needs")
    NeedsAnswer list(@PathVariable String code, Authentication caller) {
        reader(code, caller);
        List<ConnectionNeeds.Need> list = needs.of(code);
        return new NeedsAnswer(ApiResponses.SUCCESS, list.size() + " needs", list, needs.cancellations(code));
    }

    /** Starts the cancellation of the agency's whole connection (202): DOST confirms, then grants and credentials end. */
    @PostMapping("/cancellation")
    ResponseEntity<CancellationAnswer> cancel(@PathVariable String code,
                                              @RequestBody(required = false) CancellationRequest request,
                                              Authentication caller) {
        String by = writer(code, caller);
        ConnectionNeeds.Cancellation started = needs.cancel(code, request == null ? null : request.reason(), by);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CancellationAnswer(ApiResponses.SUCCESS,
                "Cancellation requested; DOST confirms within " + ConnectionNeeds.CANCEL_WORKING_DAYS + " working days", started));
    }

    /** The agency's own system, or a DOST operator on its behalf. */
    private static String writer(String code, Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        if (code.equals(who.agencyCode()) || who.hasRole("dost-operator")) {
            return who.name();
        }
        throw notVisible(code);
    }

    private static void reader(String code, Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        if (!code.equals(who.agencyCode()) && !code.equals(who.staffAgencyCode())
                && who.roles().stream().noneMatch(READERS::contains)) {
            throw notVisible(code);
        }
    }

    private static ApiException notVisible(String code) {
        return new ApiException(ErrorCode.FORBIDDEN, "Only agency " + code + " itself or DOST may see or record its connection needs");
    }
}
