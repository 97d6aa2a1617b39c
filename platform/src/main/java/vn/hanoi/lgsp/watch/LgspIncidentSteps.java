package vn.hanoi.lgsp.watch;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.decision.DecisionVersions;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.watch.LgspIncidentProcess.Variables;

/** What the {@code lgsp-incident} model does at its steps ({@code ${lgspIncidentSteps.notifyOpened(execution)}}, ...). */
@Component("lgspIncidentSteps")
public class LgspIncidentSteps {

    private final LgspIncidents incidents;
    private final Mailer mailer;
    private final DecisionVersions decisions;

    LgspIncidentSteps(LgspIncidents incidents, Mailer mailer, DecisionVersions decisions) {
        this.incidents = incidents;
        this.mailer = mailer;
        this.decisions = decisions;
    }

    /** The version of the severity table production evaluates. */
    public int productionVersion(String decisionKey) {
        return decisions.productionVersion(decisionKey);
    }

    /** The severity is known: on the incident's record, and who is told besides DOST's operators. */
    public void assessed(DelegateExecution execution) {
        @SuppressWarnings("unchecked")
        Map<String, Object> grade = (Map<String, Object>) execution.getVariable(Variables.GRADE);
        execution.setVariable(Variables.SEVERITY, grade.get("severity"));
        execution.setVariable("notifyLeaders", grade.get("notifyLeaders"));
        incidents.graded(id(execution), (String) grade.get("severity"));
    }

    public void notifyOpened(DelegateExecution execution) {
        mailer.send("watch/lgsp-incident-opened", recipients(execution), "category", execution.getVariable(Variables.CATEGORY),
                "rule", execution.getVariable(Variables.RULE), "subject", execution.getVariable(Variables.SUBJECT),
                "severity", execution.getVariable(Variables.SEVERITY), "detail", execution.getVariable(Variables.DETAIL));
    }

    /** DOST closed its task: what it did is the incident's resolution (a recovered component is resolved already). */
    public void handled(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        incidents.resolve(id(execution), authentication == null || authentication.getUserId() == null ? "dost"
                : authentication.getUserId(), (String) execution.getVariable(Variables.RESOLUTION));
    }

    public void notifyResolved(DelegateExecution execution) {
        LgspIncidents.LgspIncident incident = incidents.find(id(execution)).orElseThrow();
        mailer.send("watch/lgsp-incident-resolved", recipients(execution), "rule", incident.rule(),
                "subject", incident.subject(), "openedAt", incident.openedAt(), "resolvedAt", incident.resolvedAt(),
                "resolution", incident.resolution());
    }

    private static Recipients recipients(DelegateExecution execution) {
        Recipients to = Recipients.staffGroup("dost-operators");
        return Boolean.TRUE.equals(execution.getVariable("notifyLeaders")) ? to.and(Recipients.staffGroup("dost-leaders")) : to;
    }

    private static UUID id(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(Variables.INCIDENT_ID));
    }

}
