package vn.hanoi.lgsp.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;

/** What the {@code connection-cancellation} model does at its steps ({@code ${cancellationSteps.revoke(execution)}}, ...). */
@Component("cancellationSteps")
public class CancellationSteps {

    static final String PROCESS_KEY = "connection-cancellation";
    static final String AGENCY = "agency";
    static final String REASON = "reason";
    static final String REQUESTED_BY = "requestedBy";
    static final String CONFIRM_DUE = "confirmDue";
    static final String CONFIRMED = "confirmed";
    static final String DECISION_COMMENT = "decisionComment";
    static final String DECIDED_BY = "decidedBy";
    static final String REVOKED_GRANTS = "revokedGrants";
    static final String DISABLED_CLIENTS = "disabledClients";

    private final AccessGrants grants;
    private final KeycloakAdmin keycloak;
    private final ConnectionNeeds needs;
    private final Mailer mailer;

    CancellationSteps(AccessGrants grants, KeycloakAdmin keycloak, ConnectionNeeds needs, Mailer mailer) {
        this.grants = grants;
        this.keycloak = keycloak;
        this.needs = needs;
        this.mailer = mailer;
    }

    /**
     * Every grant the agency holds as a consumer ends and every client that speaks for it is
     * disabled; run again after a failure, it finds nothing left to do twice.
     */
    public void revoke(DelegateExecution execution) {
        String agency = (String) execution.getVariable(AGENCY);
        String reason = "The agency cancelled its connection with the LGSP (Đ16.5): " + execution.getVariable(REASON);
        List<Long> revoked = grants.revokeAll(agency, "connection-cancellation", reason);
        List<String> disabled = new ArrayList<>();
        for (String client : keycloak.clientsOfAgency(agency)) {
            if (keycloak.clientEnabled(client)) {
                keycloak.disableClient(client, "the agency's connection was cancelled (Đ16.5)");
                disabled.add(client);
            }
        }
        execution.setVariable(REVOKED_GRANTS, revoked.size() + count(execution, REVOKED_GRANTS));
        execution.setVariable(DISABLED_CLIENTS, disabled.size() + count(execution, DISABLED_CLIENTS));
    }

    /** The form's answer as a boolean; keeping the connection needs its reason. */
    public void decided(org.camunda.bpm.engine.delegate.DelegateTask task) {
        Object answer = task.getVariable(CONFIRMED);
        boolean confirmed = Boolean.TRUE.equals(answer) || "true".equals(answer);
        Object comment = task.getVariable(DECISION_COMMENT);
        if (!confirmed && (comment == null || comment.toString().isBlank())) {
            throw new org.camunda.bpm.engine.exception.NotValidException(
                    "Ghi rõ lý do không hủy bỏ kết nối (keeping the connection needs a reason)");
        }
        task.setVariable(CONFIRMED, confirmed);
        String by = task.getAssignee() != null ? task.getAssignee()
                : org.camunda.bpm.engine.impl.context.Context.getCommandContext() == null ? null
                : org.camunda.bpm.engine.impl.context.Context.getCommandContext().getAuthenticatedUserId();
        task.setVariable(DECIDED_BY, by == null ? "dost-operators" : by);
    }

    public void notifyKept(DelegateExecution execution) {
        String agency = (String) execution.getVariable(AGENCY);
        mailer.send("onboarding/cancellation-kept", told(agency), "agency", agency,
                "comment", execution.getVariable(DECISION_COMMENT));
    }

    public void notifyDone(DelegateExecution execution) {
        String agency = (String) execution.getVariable(AGENCY);
        mailer.send("onboarding/cancellation-done", told(agency), "agency", agency,
                "revokedGrants", count(execution, REVOKED_GRANTS), "disabledClients", count(execution, DISABLED_CLIENTS),
                "reason", execution.getVariable(REASON));
    }

    private static Recipients told(String agency) {
        return Recipients.agency(agency).and(Recipients.staffGroup("dost-operators"));
    }

    /** The cancellation's record is closed when the process ends, whichever way. */
    public void ended(DelegateExecution execution) {
        Object comment = execution.getVariable(DECISION_COMMENT);
        Object decidedBy = execution.getVariable(DECIDED_BY);
        needs.completed(UUID.fromString(execution.getProcessBusinessKey()),
                Boolean.TRUE.equals(execution.getVariable(CONFIRMED)) ? "CANCELLED" : "KEPT",
                decidedBy == null ? null : decidedBy.toString(), comment == null ? null : comment.toString(),
                count(execution, REVOKED_GRANTS), count(execution, DISABLED_CLIENTS));
    }

    private static int count(DelegateExecution execution, String variable) {
        Object value = execution.getVariable(variable);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
