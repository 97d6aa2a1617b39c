package vn.hanoi.lgsp.postal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.sealing.ContentSealer;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.PostalProcess.Messages;
import vn.hanoi.lgsp.workercontract.PostalProcess.Status;
import vn.hanoi.lgsp.workercontract.PostalProcess.Variables;

/** What agencies, VNPost (through NDXP) and the workers do with shipments. */
@Service
class PostalService {

    private final ShipmentValidator validator;
    private final PostalStore store;
    private final RuntimeService runtime;
    private final WorkingDayCalendar calendar;
    private final KeycloakAdmin keycloak;
    private final PostalMonitoring monitoring;
    private final ObjectMapper json;
    private final ContentSealer sealer;

    PostalService(ShipmentValidator validator, PostalStore store, RuntimeService runtime, WorkingDayCalendar calendar,
                  KeycloakAdmin keycloak, PostalMonitoring monitoring, ObjectMapper json, ContentSealer sealer) {
        this.sealer = sealer;
        this.validator = validator;
        this.store = store;
        this.runtime = runtime;
        this.calendar = calendar;
        this.keycloak = keycloak;
        this.monitoring = monitoring;
        this.json = json;
    }

    record Requested(PostalStore.Shipment shipment, boolean replay) {
    }

    /**
     * One shipment per dossier: the same request again (a retry) answers the first shipment;
     * another request for the same dossier is a conflict. The row and the process start commit
     * together, or not at all.
     */
    @Transactional
    Requested request(String agencyCode, ShipmentRequest request) {
        ValidShipment valid = validator.validate(agencyCode, request);
        String hash = hash(valid);
        Optional<PostalStore.Shipment> earlier = store.findByDossier(agencyCode, valid.dossierNumber());
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        UUID id = UUID.randomUUID();
        Instant due = calendar.deadline(Instant.now(), valid.serviceLevel().workingDays());
        if (!store.insertIfNew(id, valid, hash, due)) {
            return replay(store.findByDossier(agencyCode, valid.dossierNumber()).orElseThrow(), hash);
        }
        List<String> staff = keycloak.staffOf(agencyCode);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.SHIPMENT_ID, id.toString());
        variables.put(Variables.AGENCY, agencyCode);
        variables.put(Variables.DOSSIER, valid.dossierNumber());
        variables.put(Variables.PROCEDURE, valid.procedureCode());
        variables.put(Variables.SERVICE_LEVEL, valid.serviceLevel().name());
        variables.put(Variables.DELIVERY_DUE, Date.from(due));
        variables.put(Variables.TRACKING_LIMIT, Date.from(due.plus(java.time.Duration.ofDays(PostalProcess.TRACKING_LIMIT_DAYS))));
        variables.put(Variables.AGENCY_STAFF, new ArrayList<>(staff));
        // an agency with no staff account is helped by DOST's operators, never by other agencies' staff
        variables.put(Variables.AGENCY_GROUPS, staff.isEmpty() ? new ArrayList<>(List.of("dost-operators"))
                : new ArrayList<String>());
        String instance = runtime.startProcessInstanceByKey(PostalProcess.PROCESS_KEY, id.toString(), variables).getId();
        store.setProcessInstance(id, instance);
        PostalStore.Shipment shipment = store.find(id).orElseThrow();
        monitoring.step(shipment, "postal-requested", true, null);
        return new Requested(shipment, false);
    }

    private static Requested replay(PostalStore.Shipment earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT, "Dossier " + earlier.dossierNumber()
                    + " already has a shipment (" + earlier.id() + ", " + earlier.status() + ") with other details;"
                    + " follow it with GET /api/v1/postal/shipments/" + earlier.id());
        }
        return new Requested(earlier, true);
    }

    /** The shipment as its own agency sees it; to anyone else it does not exist. */
    PostalStore.Shipment view(UUID id, String agencyCode) {
        return store.find(id).filter(s -> s.agencyCode().equals(agencyCode))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No shipment " + id + " of agency " + agencyCode));
    }

    List<PostalStore.Event> events(UUID id) {
        return store.events(id);
    }

    List<PostalStore.Shipment> ofAgency(String agencyCode, int limit) {
        return store.ofAgency(agencyCode, Math.min(Math.max(limit, 1), 100));
    }

    /**
     * A status VNPost reported through NDXP. Recorded once whatever VNPost's retries; the
     * process is told when it waits, else it finds the status recorded when it gets there
     * (the row lock orders the two). An ended shipment forgets its recipient at once.
     */
    @Transactional
    void statusReported(String trackingNumber, String dossierNumber, String status, Instant at, String note) {
        Status reported;
        try {
            reported = Status.valueOf(status);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Unknown postal status " + status + "; expected one of "
                    + List.of(Status.values()));
        }
        UUID id = store.byTrackingNumber(trackingNumber)
                .or(() -> dossierNumber == null ? Optional.empty() : store.awaitingTrackingNumber(dossierNumber))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No shipment with tracking number "
                        + trackingNumber));
        PostalStore.Shipment shipment = store.lock(id).orElseThrow();
        if (shipment.trackingNumber() == null) {
            store.ordered(id, trackingNumber, null);
        } else if (!shipment.trackingNumber().equals(trackingNumber)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No shipment with tracking number " + trackingNumber);
        }
        String bounded = note == null ? null : note.length() > 300 ? note.substring(0, 300) : note;
        if (!store.addEvent(id, reported.name(), bounded, at)) {
            return;
        }
        if (reported.ended()) {
            store.forgetRecipient(id);
        }
        monitoring.step(store.find(id).orElseThrow(), "postal-" + reported.name().toLowerCase().replace('_', '-'),
                reported != Status.RETURNED && reported != Status.DELIVERY_FAILED, reported == Status.RETURNED
                        ? "RETURNED" : reported == Status.DELIVERY_FAILED ? "DELIVERY_FAILED" : null);
        // not waiting: the process finds the status stored when it checks (Gateway_StatusInHand, under the same lock)
        runtime.createMessageCorrelation(Messages.STATUS_REPORTED).processInstanceBusinessKey(id.toString())
                .correlateAll();
    }

    /** The recipient for the order worker, only while the shipment is under way. */
    vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi.Recipient recipientForOrder(UUID id) {
        return store.recipientOf(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Shipment " + id
                + " has ended or does not exist: no recipient is kept for it"));
    }

    PostalStore.Shipment require(UUID id) {
        return store.find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No shipment " + id));
    }

    @Transactional
    void notified(UUID id, long upToSequence) {
        store.lock(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No shipment " + id));
        store.notified(id, upToSequence);
    }

    /**
     * Keyed under the master key, as the request holds the recipient: the digest can stay after
     * the recipient is gone, so a changed request for an ended shipment is still told apart,
     * and nobody holding the database alone can test guesses of a name or phone against it.
     */
    private String hash(ValidShipment shipment) {
        try {
            return HexFormat.of().formatHex(sealer.digest("postal-request",
                    json.writeValueAsString(shipment).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
