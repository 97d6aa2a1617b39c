package vn.hanoi.lgsp.postal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Results returned by post: an agency's one-stop system asks for a shipment and follows
 * it. Each agency sees its own shipments only; test credentials send nothing by post.
 */
@RestController
@RequestMapping(path = "/api/v1/postal/shipments", produces = MediaType.APPLICATION_JSON_VALUE)
class PostalController {

    private final PostalService postal;

    PostalController(PostalService postal) {
        this.postal = postal;
    }

    record StatusView(long sequence, String status, Instant at, String note, Instant notifiedAt) {
    }

    /** A shipment as its agency follows it; never the recipient. */
    record ShipmentView(String shipmentId, String agencyCode, String dossierNumber, String procedureCode,
                        String serviceLevel, String trackingNumber, String status, int deliveryAttempts, int items,
                        int weightGrams, long codAmount, Long feeDong, Instant deliveryDue, Instant createdAt,
                        Instant endedAt, String refusalReason, List<StatusView> statuses) {

        static ShipmentView of(PostalStore.Shipment s, List<PostalStore.Event> events) {
            return new ShipmentView(s.id().toString(), s.agencyCode(), s.dossierNumber(), s.procedureCode(),
                    s.serviceLevel(), s.trackingNumber(), s.status(), s.deliveryAttempts(), s.itemCount(),
                    s.weightGrams(), s.codAmount(), s.feeDong(), s.deliveryDue(), s.createdAt(), s.endedAt(),
                    s.refusalReason(), events.stream().map(e -> new StatusView(e.sequence(), e.status(), e.reportedAt(),
                            e.note(), e.notifiedAt())).toList());
        }
    }

    record Detail(String code, String message, ShipmentView shipment) {
    }

    record Listing(String code, String message, List<ShipmentView> shipments) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Detail> request(@RequestBody ShipmentRequest request, Authentication caller) {
        PostalService.Requested requested = postal.request(productionAgency(caller), request);
        PostalStore.Shipment s = requested.shipment();
        return ResponseEntity.status(requested.replay() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Location", "/api/v1/postal/shipments/" + s.id())
                .body(new Detail(ApiResponses.SUCCESS, requested.replay() ? "Dossier " + s.dossierNumber()
                        + " already has this shipment" : "Shipment accepted; VNPost is being asked to collect it",
                        ShipmentView.of(s, postal.events(s.id()))));
    }

    @GetMapping("/{id}")
    Detail get(@PathVariable String id, Authentication caller) {
        PostalStore.Shipment s = postal.view(parse(id), agency(caller));
        return new Detail(ApiResponses.SUCCESS, "Shipment " + s.status(), ShipmentView.of(s, postal.events(s.id())));
    }

    @GetMapping
    Listing list(@RequestParam(defaultValue = "20") int limit, Authentication caller) {
        List<ShipmentView> shipments = postal.ofAgency(agency(caller), limit).stream()
                .map(s -> ShipmentView.of(s, postal.events(s.id()))).toList();
        return new Listing(ApiResponses.SUCCESS, shipments.size() + " shipments", shipments);
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No shipment " + id + " (shipment ids are UUIDs)");
        }
    }

    /** The calling system's agency: the {@code agency_code} claim of its client-credentials token. */
    private static String agency(Authentication caller) {
        return AgencyCaller.of(caller).requireAgency(
                "Postal shipments are asked for by agency systems: the token carries no agency_code");
    }

    /** A real parcel leaves the agency: a test credential must never cause one. */
    private static String productionAgency(Authentication caller) {
        String code = agency(caller);
        AgencyCaller who = AgencyCaller.of(caller);
        if (who.environment() != AgencyCaller.Environment.PRODUCTION) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A " + who.environmentClaim() + " credential cannot send anything by post;"
                    + " use the system's production credential");
        }
        return code;
    }
}
