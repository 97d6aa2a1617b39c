package vn.hanoi.lgsp.procedure;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks.CaseVariables;

/**
 * What the platform does around every procedure, whatever its analyst modelled: binds the case to
 * its process instance when it starts, forgets its documents when it ends, gives each staff
 * step to the staff of the agency the model names (or DOST's operators) and records which agency
 * holds the case, for the case's timeline and the supervisors.
 */
@Component
class CaseSteps {

    static final String STEP_SEQ = "lgspStepSeq";

    private final ProcedureCases cases;
    private final KeycloakAdmin keycloak;

    CaseSteps(ProcedureCases cases, KeycloakAdmin keycloak) {
        this.cases = cases;
        this.keycloak = keycloak;
    }

    void started(DelegateExecution execution) {
        var command = org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        String user = command == null ? null : command.getAuthenticatedUserId();
        if (user != null) {
            // a staff member starts it from Tasklist: whatever the start form sent, the platform sets the case's variables
            Object asked = execution.getVariable(CaseVariables.CASE_NUMBER);
            ProcedureCases.Case c = command.runWithoutAuthorization(() -> cases.startFromTasklist(
                    execution.getProcessDefinitionId(), execution.getProcessInstanceId(), user,
                    asked instanceof String number ? number : null, keycloak.agencyOfStaff(user).orElse(null)));
            execution.setVariable(CaseVariables.CASE_ID, c.id().toString());
            execution.setVariable(CaseVariables.CASE_NUMBER, c.caseNumber());
            execution.setVariable(CaseVariables.OWNER, c.owner());
            execution.setVariable(CaseVariables.ENVIRONMENT, c.environment().name());
            execution.setVariable(ProcedureCases.POSTAL_VARIABLE, false);
            return;
        }
        Object id = execution.getVariable(CaseVariables.CASE_ID);
        if (!(id instanceof String caseId)) {
            throw new IllegalStateException("a procedure's case starts only through the LGSP's case API");
        }
        cases.bind(UUID.fromString(caseId), execution.getProcessDefinitionId(), execution.getProcessInstanceId());
    }

    void ended(DelegateExecution execution) {
        // ended by its own end event, or cancelled/removed by an operator
        boolean completed = !execution.isCanceled();
        cases.ended(execution.getProcessInstanceId(), completed);
    }

    void staffStepCreated(DelegateTask task, String agency) {
        var c = cases.byProcessInstance(task.getProcessInstanceId());
        if (c.isPresent() && c.get().environment() == ProcedureCases.Environment.TEST && c.get().startedByPerson()) {
            // an analyst's test case: its steps are the analyst's to play, no agency's staff see them
            task.addCandidateUser(c.get().startedBy());
        } else if (ProcedureBlocks.Properties.DOST.equals(agency)) {
            task.addCandidateGroup("dost-operators");
        } else {
            List<String> staff = keycloak.staffOf(agency);
            if (staff.isEmpty()) {
                // an agency without staff accounts yet: DOST's operators hold the step for it
                task.addCandidateGroup("dost-operators");
            } else {
                task.addCandidateUsers(staff);
            }
        }
        c.map(ProcedureCases.Case::id).ifPresent(caseId -> {
            long seq = cases.addStep(caseId, agency, task.getName() == null ? task.getTaskDefinitionKey() : task.getName(),
                    "STAFF_TASK", null, null, false);
            task.setVariableLocal(STEP_SEQ, seq);
        });
    }

    void staffStepEnded(DelegateTask task, String outcome) {
        Object seq = task.getVariableLocal(STEP_SEQ);
        if (seq instanceof Number number) {
            caseOf(task.getProcessInstanceId()).ifPresent(caseId -> cases.endStep(caseId, number.longValue(), outcome, null));
        }
    }

    private java.util.Optional<UUID> caseOf(String processInstanceId) {
        return cases.byProcessInstance(processInstanceId).map(ProcedureCases.Case::id);
    }
}
