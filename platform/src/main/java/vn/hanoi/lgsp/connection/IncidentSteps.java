package vn.hanoi.lgsp.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.decision.DecisionVersions;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.onboarding.AgencyContacts;

/**
 * What the {@code incident-escalation} model does at its steps
 * ({@code ${incidentSteps.notifyOpened(execution)}}, ...): the deadline, the notices, and
 * the incident's log, which keeps who did what when.
 */
@Component("incidentSteps")
public class IncidentSteps {

    private final Incidents incidents;
    private final AgencyContacts contacts;
    private final Mailer notices;
    private final DecisionVersions decisions;

    IncidentSteps(Incidents incidents, AgencyContacts contacts, Mailer notices, DecisionVersions decisions) {
        this.decisions = decisions;
        this.incidents = incidents;
        this.contacts = contacts;
        this.notices = notices;
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
        incidents.log(incident.id(), "lgsp", "assessed " + assessment.get("severity") + "; fix due within "
                + IncidentProcess.FIX_WITHIN_HOURS + " hours of detection");
    }

    public void notifyOpened(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        List<String> to = affected(execution);
        send(to, "Sự cố kết nối " + incident.agencyCode() + " (" + execution.getVariable("severity") + ")",
                "Hệ thống của " + execution.getVariable("agencyName") + " (" + incident.agencyCode() + ") gặp sự cố từ "
                        + incident.openedAt() + ": " + incident.detail() + ".\nĐơn vị chủ quản khắc phục trong 24 giờ; "
                        + "cô lập sự cố, xác định nguyên nhân, sao lưu dữ liệu quan trọng trước khi xử lý.");
        incidents.log(incident.id(), "lgsp", "notified " + to);
    }

    /** Flow listener: the unit says the fault is beyond its ability. */
    public void beyondAbility(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        incidents.log(incident.id(), actor(execution), "beyond the unit's ability (cause: " + execution.getVariable("cause")
                + "); escalated to DOST");
        send(emailsOf("dost-operators"), "Đề nghị hỗ trợ khắc phục sự cố " + incident.agencyCode(),
                "Đơn vị chủ quản đề nghị Sở KH&CN hỗ trợ khắc phục sự cố: " + incident.detail());
    }

    /** Flow listener: 24 hours passed without a fix. */
    public void overdue(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        incidents.log(incident.id(), "lgsp", "not fixed within 24 hours; escalated to DOST");
        send(emailsOf("dost-operators"), "Sự cố quá 24 giờ chưa khắc phục: " + incident.agencyCode(),
                "Sự cố của " + incident.agencyCode() + " phát hiện lúc " + incident.openedAt()
                        + " chưa được khắc phục sau 24 giờ và được chuyển lên Sở KH&CN.");
    }

    /** Fixed, by the unit, by DOST or seen by polling: everyone affected learns when. */
    public void notifyResolved(DelegateExecution execution) {
        Incidents.Incident incident = incident(execution);
        if ("OPEN".equals(incident.status())) {
            incident = incidents.resolve(incident.agencyCode(), incident.kind(), actor(execution),
                    "fixed: " + execution.getVariable("cause")).orElse(incident);
        }
        Instant fixedAt = incident.resolvedAt() != null ? incident.resolvedAt() : ClockUtil.getCurrentTime().toInstant();
        List<String> to = affected(execution);
        send(to, "Đã khắc phục sự cố kết nối " + incident.agencyCode(),
                "Sự cố của " + incident.agencyCode() + " (phát hiện lúc " + incident.openedAt() + ") đã được khắc phục lúc "
                        + fixedAt + ".");
        incidents.log(incident.id(), "lgsp", "told " + to + " it was fixed at " + fixedAt);
    }

    private List<String> affected(DelegateExecution execution) {
        List<String> to = new ArrayList<>(contacts.of((String) execution.getVariable("agencyCode")));
        to.addAll(emailsOf("dost-operators"));
        if (Boolean.TRUE.equals(execution.getVariable("notifySupervisors"))) {
            to.addAll(emailsOf("supervisors"));
        }
        if (Boolean.TRUE.equals(execution.getVariable("notifyConsumers"))) {
            @SuppressWarnings("unchecked")
            List<String> consumers = (List<String>) execution.getVariable("consumerCodes");
            if (consumers != null) {
                consumers.forEach(c -> to.addAll(contacts.of(c)));
            }
        }
        return to.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
    }

    private void send(List<String> to, String subject, String body) {
        notices.send(to, subject, body);
    }

    private List<String> emailsOf(String group) {
        return notices.staffGroup(group);
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
