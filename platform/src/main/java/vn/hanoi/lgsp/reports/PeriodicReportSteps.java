package vn.hanoi.lgsp.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.reports.PeriodicReportProcess.Variables;

/**
 * The steps of {@code periodic-report} ({@code ${reportSteps.period(execution)}}, ...): which
 * period, the drafts for the city and every agency with activity, the leader's decision,
 * publication or withdrawal. The engine's clock is "now".
 */
@Component("reportSteps")
public class PeriodicReportSteps {

    private final ReportCompiler compiler;
    private final ReportRenderer renderer;
    private final PeriodicReports reports;
    private final WorkingDayCalendar workingDays;
    private final Mailer mailer;

    PeriodicReportSteps(ReportCompiler compiler, ReportRenderer renderer, PeriodicReports reports,
                        WorkingDayCalendar workingDays, Mailer mailer) {
        this.compiler = compiler;
        this.renderer = renderer;
        this.reports = reports;
        this.workingDays = workingDays;
        this.mailer = mailer;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /**
     * The period: as asked, or (monthly timer) the month before; a month that closes a quarter
     * also starts the quarter's reports, as an instance of their own.
     */
    public void period(DelegateExecution execution) {
        Object given = execution.getVariable(Variables.PERIOD);
        boolean monthly = given == null;
        ReportPeriod period = monthly ? ReportPeriod.monthBefore(now()) : ReportPeriod.parse(given.toString());
        if (!period.ended(now())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Only a period that has ended is reported on");
        }
        execution.setVariable(Variables.PERIOD, period.code());
        boolean claimed = reports.claim(period.code(), execution.getProcessInstanceId());
        if (!claimed && !monthly) {
            throw new ApiException(ErrorCode.DUPLICATE, "The reports of " + period.code() + " already exist");
        }
        // the monthly timer finds the month already drafted on demand: nothing more to do
        execution.setVariable(Variables.ALREADY_REPORTED, !claimed);
        if (!claimed) {
            return;
        }
        execution.setProcessBusinessKey("report-" + period.code());
        if (monthly) {
            period.quarterClosed().filter(q -> !reports.exists(q.code())).ifPresent(quarter ->
                    execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByMessage(
                            PeriodicReportProcess.MESSAGE_REQUESTED, Map.of(Variables.PERIOD, quarter.code())));
        }
    }

    /** Drafts the city's report and one per agency with activity in the period, PDF and XLSX each. */
    public void generate(DelegateExecution execution) {
        ReportPeriod period = ReportPeriod.parse((String) execution.getVariable(Variables.PERIOD));
        Instant now = now();
        ReportCompiler.Sources sources = compiler.sources(period);
        List<String> agencies = compiler.agencies(period, sources);
        ReportFigures city = compiler.compile(period, null, now, sources);
        reports.draft(city, renderer.pdf(city, now), renderer.xlsx(city), execution.getProcessInstanceId());
        for (String agency : agencies) {
            ReportFigures figures = compiler.compile(period, agency, now, sources);
            reports.draft(figures, renderer.pdf(figures, now), renderer.xlsx(figures), execution.getProcessInstanceId());
        }
        execution.setVariable(Variables.REPORTS, agencies.size() + 1);
        execution.setVariable(Variables.APPROVE_DUE, Date.from(workingDays.deadline(now,
                PeriodicReportProcess.APPROVE_WORKING_DAYS)));
        List<String> summary = new ArrayList<>();
        summary.add("Báo cáo toàn thành phố và " + agencies.size() + " đơn vị, " + period.title());
        for (ReportRenderer.Item item : ReportRenderer.items(city)) {
            summary.add(item.label().strip() + ": " + item.shown());
        }
        execution.setVariable(Variables.REPORT_SUMMARY, String.join("\n", summary));
    }

    /** On completing the approval: the decision is one of the two, and who took it is recorded. */
    public void recordDecision(DelegateTask task) {
        Object decision = task.getVariable(Variables.DECISION);
        if (!PeriodicReportProcess.APPROVE.equals(decision) && !PeriodicReportProcess.REJECT.equals(decision)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "decision must be APPROVE or REJECT");
        }
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String leader = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
                : task.getAssignee();
        task.setVariable(Variables.APPROVED_BY, leader == null ? "unknown" : leader);
    }

    public void publish(DelegateExecution execution) {
        String period = (String) execution.getVariable(Variables.PERIOD);
        reports.publish(execution.getProcessInstanceId(), (String) execution.getVariable(Variables.APPROVED_BY));
        List<String> agencies = new ArrayList<>();
        for (PeriodicReports.Report report : reports.ofProcess(execution.getProcessInstanceId())) {
            if (report.agency() != null) {
                agencies.add(report.agency());
            }
        }
        mailer.send("reports/published", Recipients.agencies(agencies), "period", period,
                "title", ReportPeriod.parse(period).title());
    }

    public void withdraw(DelegateExecution execution) {
        String period = (String) execution.getVariable(Variables.PERIOD);
        reports.withdraw(execution.getProcessInstanceId());
        Object note = execution.getVariable(Variables.DECISION_NOTE);
        mailer.send("reports/withdrawn", Recipients.staffGroup("dost-operators"), "period", period,
                "title", ReportPeriod.parse(period).title(), "note", note);
    }
}
