package vn.hanoi.lgsp.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.exchange.ExchangeFailed;

/**
 * Incidents that polling does not find: a record the destination's system refused or never
 * took. A failure through NDXP points at the national route, not at the destination,
 * and DOST operators already have its task from the exchange itself.
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

    /** In the exchange's transaction: the incident and its process commit with the failure. */
    @EventListener
    void exchangeFailed(ExchangeFailed failure) {
        if (!"LOCAL".equals(failure.route())) {
            return;
        }
        Incidents.Opened opened = incidents.open(failure.destination(), "EXCHANGE_FAILURE",
                "exchange " + failure.exchangeId() + " from " + failure.source() + " failed: " + failure.reason(), "lgsp");
        if (opened.created()) {
            escalation.start(opened.incident());
            log.warn("Incident {} opened for {} after a failed exchange", opened.incident().id(), failure.destination());
        } else {
            incidents.log(opened.incident().id(), "lgsp", "exchange " + failure.exchangeId() + " failed too: " + failure.reason());
        }
    }
}
