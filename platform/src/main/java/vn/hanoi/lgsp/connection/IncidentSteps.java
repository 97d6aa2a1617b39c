package vn.hanoi.lgsp.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.decision.DecisionVersions;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * What the {@code incident-escalation} model does at its steps
 * ({@code ${incidentSteps.notifyOpened(execution)}}, ...): the deadline, the notices, and
 * the incident's log, which keeps who did what when.
 */
@Component("incidentSteps")
public class IncidentSteps {

    private final Incidents incidents;
    private final Mailer mailer;
    private final DecisionVersions decisions;

    IncidentSteps(Incidents incidents, Mailer mailer, DecisionVersions decisions) {
        this.decisions = decisions;
        this.incidents = incidents;
        this.mailer = mailer;
    }

    /** The version of a decision table the model evaluates ({@code ${incidentSteps.productionVersion('incident-severity')}}). */
    public int productionVersion(String decisionKey) {
        return decisions.productionVersion(decisionKey);
    }

    /** Due date of DOST's support task ({@code ${incidentSteps.dostSupportDue()}}): {@link IncidentProcess#DOST_SUPPORT_HOURS}. */
    public Date dostSupportDue() {
        return Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(IncidentProcess.DOST_SUPPORT_HOURS)));
    }

    /** Due date of the incident report ({@code ${incidentSteps.reportDue()}}): {@link IncidentProcess#REPORT_HOURS}. */
    public Date reportDue() {
        return Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(IncidentProcess.REPORT_HOURS)));
    }

    /** The severity is known: the unit's 24 hours run from when the incident was detected. */
    public void assessed(DelegateExecution execution) {
        @SuppressWarnings("unchecked")
        Map<String, Object> assessment = (Map<String, Object>) execution.getVariable("assessment");
        execution.setVariable("severity", assessment.get("severity"));
        execution.setVariable("notifySupervisors", assessment.get("notifySupervisors"));
        execution.setVariable("notifyConsumers", assessment.get("notifyConsumers"));
        Incidents.Incident incident = incident(execution);
        execution.setVariable("fixDue", Date.from(incident.openedAt().plus(Duration.ofHours(IncidentProcess.FIX_WITHIN_HOURS))));
        incidents.graded(incident.id(), (String) assessment.get("severity"));
        incidents.log(incident.id(), "lgsp", "assessed " + assessment.get("severity") + "; fix due within "
                + IncidentProcess.FIX_WITHIN_HOURS + " hours of detection");
    }

    public void notifyOpened(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        List<String> to = mailer.send("connection/incident-opened", affected(execution), "agency", incident.agencyCode(),
                "agencyName", execution.getVariable("agencyName"), "severity", execution.getVariable("severity"),
                "openedAt", incident.openedAt(), "detail", incident.detail());
        incidents.log(incident.id(), "lgsp", "notified " + to);
    }

    /**
     * Flow listener, as the unit or DOST finishes its task: isolation and backup of important
     * data before fixing (Đ12.5) go on the incident's record with who said so, and the cause.
     */
    public void handled(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        boolean isolated = Boolean.TRUE.equals(execution.getVariable("isolated"));
        boolean backedUp = Boolean.TRUE.equals(execution.getVariable("backedUp"));
        String cause = (String) execution.getVariable("cause");
        String actor = actor(execution);
        incidents.handled(incident.id(), isolated, backedUp, cause, actor);
        incidents.log(incident.id(), actor, "isolated: " + (isolated ? "yes" : "no") + "; important data backed up before "
                + "fixing: " + (backedUp ? "yes" : "no") + (cause == null ? "" : "; cause: " + cause));
    }

    /**
     * The report of an incident that touched several agencies: kept with the incident and mailed
     * to the owning unit, every consumer affected, DOST's leaders and operators.
     */
    public void reportSent(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        String report = (String) execution.getVariable("report");
        @SuppressWarnings("unchecked")
        List<String> consumers = (List<String>) execution.getVariable("consumerCodes");
        Recipients to = Recipients.agency(incident.agencyCode()).and(Recipients.agencies(consumers == null ? List.of() : consumers))
                .and(Recipients.staffGroup("dost-leaders")).and(Recipients.staffGroup("dost-operators"));
        List<String> sent = mailer.send("connection/incident-report", to, "agency", incident.agencyCode(),
                "agencyName", execution.getVariable("agencyName"), "severity", incident.severity(),
                "openedAt", incident.openedAt(), "resolvedAt", incident.resolvedAt(), "cause", incident.cause(),
                "report", report);
        incidents.reported(incident.id(), report, actor(execution), sent);
        incidents.log(incident.id(), actor(execution), "report sent to " + sent);
    }

    /** Flow listener: the unit says the fault is beyond its ability. */
    public void beyondAbility(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        incidents.log(incident.id(), actor(execution), "beyond the unit's ability (cause: " + execution.getVariable("cause")
                + "); escalated to DOST");
        mailer.send("connection/incident-support-requested", Recipients.staffGroup("dost-operators"),
                "agency", incident.agencyCode(), "detail", incident.detail());
    }

    /** Flow listener: 24 hours passed without a fix. */
    public void overdue(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        incidents.log(incident.id(), "lgsp", "not fixed within 24 hours; escalated to DOST");
        mailer.send("connection/incident-overdue", Recipients.staffGroup("dost-operators"),
                "agency", incident.agencyCode(), "openedAt", incident.openedAt());
    }

    /** Fixed, by the unit, by DOST or seen by polling: everyone affected learns when. */
    public void notifyResolved(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        if ("OPEN".equals(incident.status())) {
            incident = incidents.resolve(incident.agencyCode(), incident.kind(), actor(execution),
                    "fixed: " + execution.getVariable("cause")).orElse(incident);
        }
        Instant fixedAt = incident.resolvedAt() != null ? incident.resolvedAt() : ClockUtil.getCurrentTime().toInstant();
        List<String> to = mailer.send("connection/incident-resolved", affected(execution), "agency", incident.agencyCode(),
                "openedAt", incident.openedAt(), "fixedAt", fixedAt);
        incidents.log(incident.id(), "lgsp", "told " + to + " it was fixed at " + fixedAt);
    }

    private static Recipients affected(DelegateExecution execution) {
        Recipients to = Recipients.agency((String) execution.getVariable("agencyCode"))
                .and(Recipients.staffGroup("dost-operators"));
        if (Boolean.TRUE.equals(execution.getVariable("notifySupervisors"))) {
            to = to.and(Recipients.staffGroup("supervisors"));
        }
        if (Boolean.TRUE.equals(execution.getVariable("notifyConsumers"))) {
            @SuppressWarnings("unchecked")
            List<String> consumers = (List<String>) execution.getVariable("consumerCodes");
            to = to.and(Recipients.agencies(consumers));
        }
        return to;
    }

    private static String actor(DelegateExecution execution) {
        String user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? null
                : execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
        return user != null ? user : "staff";
    }

    private Incidents.Incident incident(DelegateExecution execution) {
        UUID id = UUID.fromString((String) execution.getVariable("incidentId"));
        return incidents.find(id).orElseThrow(() -> new IllegalStateException("incident " + id + " is missing"));
    }
}
