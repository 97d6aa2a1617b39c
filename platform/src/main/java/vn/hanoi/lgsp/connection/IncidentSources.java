package vn.hanoi.lgsp.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.exchange.DeliveryFailed;

/**
 * Incidents that polling does not find: a record the destination's system refused or never
 * took. The record-exchange model reports it, in a step of its own after the failure is
 * committed ({@code Task_OpenIncident}), only for a delivery inside the city: a failure through
 * NDXP points at the national route, not at the destination. Heard as {@link DeliveryFailed},
 * in that step's transaction.
 */
@Component
class IncidentSources {

    private static final Logger log = LoggerFactory.getLogger(IncidentSources.class);

    private final Incidents incidents;
    private final IncidentEscalation escalation;

    IncidentSources(Incidents incidents, IncidentEscalation escalation) {
        this.incidents = incidents;
        this.escalation = escalation;
    }

    @EventListener
    void open(DeliveryFailed failure) {
        String destination = failure.destination();
        String detail = "exchange " + failure.exchangeId() + " from " + failure.source() + " failed: "
                + failure.failureReason();
        Incidents.Opened opened = incidents.open(destination, "EXCHANGE_FAILURE", detail, "lgsp");
        if (opened.created()) {
            escalation.start(opened.incident());
            log.warn("Incident {} opened for {} after a failed exchange", opened.incident().id(), destination);
        } else {
            incidents.log(opened.incident().id(), "lgsp", detail);
        }
    }
}
