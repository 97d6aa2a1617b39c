package vn.hanoi.lgsp.procedure;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDays;

/**
 * The leader's review of an analyst's deployment ({@code model-release}): what the form decided,
 * checked and applied as the task completes, so that a refused approval leaves the task open.
 */
@Component("modelReleaseSteps")
public class ReleaseSteps {

    /** A leader reviews within the working days onboarding gives DOST. */
    static final int REVIEW_WORKING_DAYS = 5;

    private final ModelReleases releases;
    private final WorkingDays workingDays;

    ReleaseSteps(ModelReleases releases, WorkingDays workingDays) {
        this.releases = releases;
        this.workingDays = workingDays;
    }

    public Date reviewDue() {
        return workingDays.after(REVIEW_WORKING_DAYS);
    }

    /** Task listener on completion: the completing leader approves or refuses, never their own deployment. */
    public void decided(DelegateTask task) {
        String leader = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
        if (leader == null) {
            leader = task.getAssignee();
        }
        String deployment = (String) task.getVariable("deploymentId");
        String note = (String) task.getVariable("decisionNote");
        boolean approve = "APPROVE".equals(task.getVariable("decision"));
        if (approve) {
            releases.approve(deployment, leader, note);
        } else {
            releases.reject(deployment, leader, note);
        }
        task.getExecution().setVariable("approved", approve);
    }
}
