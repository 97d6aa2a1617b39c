package vn.hanoi.lgsp.postal;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.identity.PushAudiences;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi;

/** What the postal workers need from the platform, over HTTP like the exchange workers' API. */
@RestController
@RequestMapping(path = WorkerApi.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('lgsp-worker')")
class PostalWorkerController {

    private final PostalService postal;
    private final AgencySystems systems;
    private final PushAudiences audiences;

    PostalWorkerController(PostalService postal, AgencySystems systems, PushAudiences audiences) {
        this.postal = postal;
        this.systems = systems;
        this.audiences = audiences;
    }

    /** Personal data: read only to hand the order to VNPost, and only while the shipment is under way. */
    @GetMapping("/{id}/order")
    WorkerApi.Order order(@PathVariable String id) {
        java.util.UUID shipment = PostalController.parse(id);
        WorkerApi.Recipient recipient = postal.recipientForOrder(shipment);
        PostalStore.Shipment s = postal.require(shipment);
        return new WorkerApi.Order(ApiResponses.SUCCESS, "Order of " + s.dossierNumber(), s.id().toString(),
                s.agencyCode(), s.dossierNumber(), s.procedureCode(), s.serviceLevel(), recipient, s.items(),
                s.codAmount());
    }

    @GetMapping("/{id}/pending")
    WorkerApi.Pending pending(@PathVariable String id) {
        PostalStore.Shipment s = postal.require(PostalController.parse(id));
        var statuses = postal.events(s.id()).stream().filter(e -> e.notifiedAt() == null)
                .map(e -> new WorkerApi.StatusEvent(e.sequence(), e.status(), e.reportedAt(), e.note())).toList();
        WorkerApi.Endpoint system = systems.find(s.agencyCode())
                .map(a -> new WorkerApi.Endpoint(a.baseUrl(), a.pushEnabled(), audiences.scopeFor(s.agencyCode())))
                .orElse(null);
        return new WorkerApi.Pending(ApiResponses.SUCCESS, statuses.size() + " statuses to tell", s.id().toString(),
                s.agencyCode(), s.dossierNumber(), s.procedureCode(), s.trackingNumber(), system, statuses);
    }

    @PostMapping(path = "/{id}/notified", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponses.Ack notified(@PathVariable String id, @RequestBody WorkerApi.Notified notified) {
        UUID shipment = PostalController.parse(id);
        postal.notified(shipment, notified.upToSequence());
        return ApiResponses.ok("Statuses up to " + notified.upToSequence() + " told");
    }
}
