package vn.hanoi.lgsp.reconciliation;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.reconciliation.ReconciliationProcess.Variables;

/**
 * The steps of {@code monthly-reconciliation} ({@code ${reconciliationSteps.open(execution)}}, ...):
 * open the month with the LGSP's counts and ask the partners for theirs, remind those late,
 * compare, and record and send the outcome. The engine's clock is "now", so tests move it.
 */
@Component("reconciliationSteps")
public class ReconciliationSteps {

    private final Reconciliations reconciliations;
    private final WorkingDayCalendar workingDays;
    private final Mailer mailer;

    ReconciliationSteps(Reconciliations reconciliations, WorkingDayCalendar workingDays, Mailer mailer) {
        this.reconciliations = reconciliations;
        this.workingDays = workingDays;
        this.mailer = mailer;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /**
     * When the timer-started instance opens: the first working day of the month, at 08:00 in
     * Hanoi (the timer fires on the 1st; a holiday or weekend on the 1st waits here).
     */
    public Date firstWorkingDay() {
        Instant now = now();
        java.time.LocalDate day = now.atZone(Reconciliations.HANOI).toLocalDate().withDayOfMonth(1);
        while (!workingDays.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        Instant at = day.atTime(8, 0).atZone(Reconciliations.HANOI).toInstant();
        return Date.from(at.isBefore(now) ? now : at);
    }

    public void open(DelegateExecution execution) {
        Instant now = now();
        Object given = execution.getVariable(Variables.PERIOD);
        YearMonth month = given == null ? YearMonth.from(now.atZone(Reconciliations.HANOI)).minusMonths(1)
                : Reconciliations.month(given.toString(), now);
        // the monthly timer finds a month DOST already opened on demand: nothing more to do
        boolean alreadyOpen = given == null && reconciliations.find(month.toString()).isPresent();
        execution.setVariable(Variables.ALREADY_OPEN, alreadyOpen);
        if (alreadyOpen) {
            return;
        }
        Instant due = workingDays.deadline(now, ReconciliationProcess.UPLOAD_WORKING_DAYS);
        reconciliations.open(month, due, execution.getProcessInstanceId());
        String period = month.toString();
        execution.setVariable(Variables.PERIOD, period);
        execution.setVariable(Variables.UPLOAD_DUE, Date.from(due));
        execution.setVariable(Variables.REMINDER_AT, Date.from(workingDays.deadline(now,
                ReconciliationProcess.REMINDER_WORKING_DAYS)));
        execution.setProcessBusinessKey("reconciliation-" + period);
        List<String> partners = reconciliations.partners(period);
        if (partners.isEmpty()) {
            return;
        }
        mailer.send("reconciliation/counts-requested", Recipients.agencies(partners), "period", period,
                "due", hanoi(due));
    }

    /** Those who still owe counts are told again. */
    public void remind(DelegateExecution execution) {
        String period = (String) execution.getVariable(Variables.PERIOD);
        List<String> late = reconciliations.missingReports(period);
        if (!late.isEmpty()) {
            mailer.send("reconciliation/counts-reminder", Recipients.agencies(late), "period", period,
                    "due", hanoi(((Date) execution.getVariable(Variables.UPLOAD_DUE)).toInstant()));
        }
    }

    /** Reporting is over (everyone reported, or the due date passed): the lines are compared. */
    public void compare(DelegateExecution execution) {
        String period = (String) execution.getVariable(Variables.PERIOD);
        List<Reconciliations.Line> differing = reconciliations.compare(period);
        execution.setVariable(Variables.DIFFERENCES, differing.size());
        execution.setVariable(Variables.DIFFERENCE_SUMMARY, summary(differing, period));
        if (!differing.isEmpty()) {
            execution.setVariable(Variables.SETTLE_DUE, Date.from(workingDays.deadline(now(),
                    ReconciliationProcess.SETTLE_WORKING_DAYS)));
        }
    }

    /** Kept under Camunda's 4,000 characters for a text variable; every line is on the API. */
    static String summary(List<Reconciliations.Line> differing, String period) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (Reconciliations.Line line : differing) {
            String text = line.describe();
            if (out.length() + text.length() > SUMMARY_LIMIT) {
                break;
            }
            out.append(out.isEmpty() ? "" : "\n").append(text);
            shown++;
        }
        if (shown < differing.size()) {
            out.append("\n… và ").append(differing.size() - shown).append(" dòng khác: GET /api/v1/reconciliation/")
                    .append(period);
        }
        return out.toString();
    }

    private static final int SUMMARY_LIMIT = 3_500;

    /** On completing the settling task: who settled, as signed in (Tasklist or engine REST). */
    public void recordSettler(org.camunda.bpm.engine.delegate.DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String settler = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
                : task.getAssignee();
        task.setVariable(Variables.SETTLED_BY, settler == null ? "unknown" : settler);
        Object settlement = task.getVariable(Variables.SETTLEMENT);
        if (settlement == null || settlement.toString().isBlank()) {
            throw new vn.hanoi.lgsp.contract.ApiException(vn.hanoi.lgsp.contract.ErrorCode.VALIDATION_FAILED,
                    "settlement is required: what was agreed with both sides");
        }
    }

    /** The outcome recorded and sent to every partner of the month. */
    public void close(DelegateExecution execution) {
        String period = (String) execution.getVariable(Variables.PERIOD);
        Object settlement = execution.getVariable(Variables.SETTLEMENT);
        int differences = ((Number) execution.getVariable(Variables.DIFFERENCES)).intValue();
        String settledBy = differences == 0 ? null : (String) execution.getVariable(Variables.SETTLED_BY);
        reconciliations.close(period, outcome(differences, settlement), settledBy);
        mailer.send("reconciliation/result", Recipients.agencies(reconciliations.partners(period)), "period", period,
                "differences", differences, "settlement", settlement);
    }

    /** The outcome as the month's record keeps it; the partners' mail says the same in its template. */
    static String outcome(int differences, Object settlement) {
        return differences == 0 ? "Số liệu của LGSP, bên cung cấp và bên khai thác khớp nhau"
                : "Đã đối soát " + differences + " chênh lệch: " + settlement;
    }

    private static java.time.ZonedDateTime hanoi(Instant at) {
        return at.atZone(Reconciliations.HANOI);
    }
}
