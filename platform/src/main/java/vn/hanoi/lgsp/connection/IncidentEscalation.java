package vn.hanoi.lgsp.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.Agency;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;

/** Starts the {@code incident-escalation} process for a new incident, and tells it when the system is back. */
@Component
class IncidentEscalation {

    private final RuntimeService runtime;
    private final AgencyRegistry agencies;
    private final AccessGrants grants;
    private final ServiceCatalog catalog;
    private final vn.hanoi.lgsp.identity.KeycloakAdmin keycloak;

    IncidentEscalation(RuntimeService runtime, AgencyRegistry agencies, AccessGrants grants, ServiceCatalog catalog,
                       vn.hanoi.lgsp.identity.KeycloakAdmin keycloak) {
        this.runtime = runtime;
        this.agencies = agencies;
        this.grants = grants;
        this.catalog = catalog;
        this.keycloak = keycloak;
    }

    /** In the transaction that opened the incident: both commit together. */
    void start(Incidents.Incident incident) {
        List<String> consumers = grants.productionConsumersOf(incident.agencyCode());
        boolean sensitive = catalog.search(null, incident.agencyCode(), null).stream()
                .anyMatch(s -> s.classification() == DataClassification.PERSONAL_DATA
                        || s.classification() == DataClassification.CONFIDENTIAL);
        Map<String, Object> variables = new HashMap<>();
        variables.put("incidentId", incident.id().toString());
        variables.put("agencyCode", incident.agencyCode());
        variables.put("agencyName", agencies.find(incident.agencyCode()).map(Agency::name).orElse(incident.agencyCode()));
        variables.put("kind", incident.kind());
        variables.put("detail", incident.detail());
        variables.put("consumers", consumers.size());
        variables.put("consumerCodes", new java.util.ArrayList<>(consumers));
        variables.put("sensitiveData", sensitive);
        variables.put("durationMinutes", (int) Duration.between(incident.openedAt(), Instant.now()).toMinutes());
        List<String> staff = keycloak.staffOf(incident.agencyCode());
        variables.put("unitStaff", new java.util.ArrayList<>(staff));
        variables.put("unitCandidateGroups", unitCandidateGroups(staff));
        runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY, incident.id().toString(), variables);
    }

    /**
     * The owning unit's own staff fix it. A unit with no staff account on the platform is helped
     * by DOST's operators, never by other agencies' staff: an agency's staff see only their own
     * agency's tasks.
     */
    static java.util.ArrayList<String> unitCandidateGroups(List<String> unitStaff) {
        return unitStaff.isEmpty() ? new java.util.ArrayList<>(List.of("dost-operators")) : new java.util.ArrayList<>();
    }

    /** Polling saw the system answer again: a wait for the fix ends by itself. */
    void restored(Incidents.Incident incident) {
        boolean waiting = runtime.createExecutionQuery().processInstanceBusinessKey(incident.id().toString())
                .messageEventSubscriptionName(IncidentProcess.RESTORED).count() > 0;
        if (waiting) {
            runtime.createMessageCorrelation(IncidentProcess.RESTORED).processInstanceBusinessKey(incident.id().toString())
                    .correlateAll();
        }
    }
}
