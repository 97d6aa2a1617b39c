package vn.hanoi.lgsp.connection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * Incidents that polling does not find: a record the destination's system refused or never
 * took. The record-exchange model calls it, in a step of its own after the failure is
 * committed ({@code Task_OpenIncident}), only for a delivery inside the city: a failure through
 * NDXP points at the national route, not at the destination.
 */
@Component("exchangeIncidents")
public class IncidentSources {

    private static final Logger log = LoggerFactory.getLogger(IncidentSources.class);

    private final Incidents incidents;
    private final IncidentEscalation escalation;

    IncidentSources(Incidents incidents, IncidentEscalation escalation) {
        this.incidents = incidents;
        this.escalation = escalation;
    }

    public void open(DelegateExecution execution) {
        String exchangeId = (String) execution.getVariable(Variables.EXCHANGE_ID);
        String destination = (String) execution.getVariable(Variables.DESTINATION);
        String detail = "exchange " + exchangeId + " from " + execution.getVariable(Variables.SOURCE) + " failed: "
                + execution.getVariable(Variables.FAILURE_REASON);
        Incidents.Opened opened = incidents.open(destination, "EXCHANGE_FAILURE", detail, "lgsp");
        if (opened.created()) {
            escalation.start(opened.incident());
            log.warn("Incident {} opened for {} after a failed exchange", opened.incident().id(), destination);
        } else {
            incidents.log(opened.incident().id(), "lgsp", detail);
        }
    }
}
