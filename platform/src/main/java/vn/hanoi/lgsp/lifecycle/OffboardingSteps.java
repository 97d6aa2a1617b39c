package vn.hanoi.lgsp.lifecycle;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.lifecycle.OffboardingProcess.Variables;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.onboarding.IssuedCredentials;

/** What the {@code consumer-offboarding} model does at its steps ({@code ${offboardingSteps.revoke(execution)}}, ...). */
@Component("offboardingSteps")
public class OffboardingSteps {

    private final AccessGrants grants;
    private final IssuedCredentials credentials;
    private final KeycloakAdmin keycloak;
    private final Announcements announce;
    private final WorkingDayCalendar workingDays;

    OffboardingSteps(AccessGrants grants, IssuedCredentials credentials, KeycloakAdmin keycloak, Announcements announce,
                     WorkingDayCalendar workingDays) {
        this.grants = grants;
        this.credentials = credentials;
        this.keycloak = keycloak;
        this.announce = announce;
        this.workingDays = workingDays;
    }

    /** The provider's staff are asked to revoke, with the deadline. */
    public void askProvider(DelegateExecution execution) {
        announce.send("offboarding-revoke-requested", Recipients.agency(provider(execution)), "service", service(execution),
                "consumer", consumer(execution),
                "due", Announcements.day(((Date) execution.getVariable(Variables.REVOKE_DUE)).toInstant()));
    }

    /** Five working days passed: DOST operators take over, and DOST's leaders hear of the delay. */
    public void escalate(DelegateExecution execution) {
        execution.setVariable(Variables.DOST_DUE, Date.from(workingDays.deadline(ClockUtil.getCurrentTime().toInstant(),
                OffboardingProcess.DOST_WORKING_DAYS)));
        announce.send("offboarding-overdue", Recipients.staffGroup("dost-operators").and(Recipients.staffGroup("dost-leaders")),
                "service", service(execution), "consumer", consumer(execution), "provider", provider(execution),
                "workingDays", OffboardingProcess.REVOKE_WORKING_DAYS);
    }

    /**
     * Every active grant of the consumer on the service ends; the clients issued to it for this
     * service are disabled, since it holds no other grant on the service any more.
     */
    public void revoke(DelegateExecution execution) {
        String actor = actor(execution);
        String reason = "The consumer stopped using the service (Đ16.5)";
        List<Long> revoked = new ArrayList<>();
        for (AccessGrant grant : grants.activeOf(consumer(execution), service(execution))) {
            grants.revoke(grant.id(), actor, reason);
            revoked.add(grant.id());
        }
        List<String> disabled = new ArrayList<>();
        if (grants.activeOf(consumer(execution), service(execution)).isEmpty()) {
            for (String client : credentials.clientsOf(consumer(execution), service(execution))) {
                if (keycloak.clientEnabled(client)) {
                    keycloak.disableClient(client, "no grant left on " + service(execution) + " (Đ16.5)");
                    disabled.add(client);
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<Long> before = (List<Long>) execution.getVariable(Variables.REVOKED_GRANTS);
        if (before != null) {
            revoked.addAll(0, before);
        }
        execution.setVariable(Variables.REVOKED_GRANTS, revoked);
        execution.setVariable(Variables.DISABLED_CLIENTS, disabled);
    }

    public void notifyDone(DelegateExecution execution) {
        announce.send("offboarding-done", Recipients.agencies(List.of(consumer(execution), provider(execution))),
                "service", service(execution), "consumer", consumer(execution));
    }

    /** Task listener on completion: who revoked, for the grants' journal (the revocation itself runs after). */
    public void recordRevoker(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String revoker = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
                : task.getAssignee();
        task.setVariable(Variables.REVOKED_BY, revoker == null ? "unknown" : revoker);
    }

    private static String actor(DelegateExecution execution) {
        Object revoker = execution.getVariable(Variables.REVOKED_BY);
        return revoker == null ? "lgsp" : revoker.toString();
    }

    private static String consumer(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.CONSUMER);
    }

    private static String service(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.SERVICE);
    }

    private static String provider(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.PROVIDER);
    }
}
