package vn.hanoi.lgsp.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.watch.SecurityReportProcess.Variables;

/**
 * What the {@code security-report} model does at its steps ({@code ${securityReportSteps.draft(execution)}},
 * ...): the month's figures kept as drafted, the leader's decision recorded.
 */
@Component("securityReportSteps")
public class SecurityReportSteps {

    private final SecurityReport report;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Mailer mailer;

    SecurityReportSteps(SecurityReport report, JdbcTemplate jdbc, ObjectMapper json, Mailer mailer) {
        this.report = report;
        this.jdbc = jdbc;
        this.json = json;
        this.mailer = mailer;
    }

    /** The month's figures, kept; a month drafted again (after a refusal) is drafted anew. */
    public void draft(DelegateExecution execution) throws Exception {
        String asked = (String) execution.getVariable(Variables.MONTH);
        YearMonth month = asked == null ? YearMonth.now(SecurityReport.HANOI).minusMonths(1) : YearMonth.parse(asked);
        SecurityReport.Figures figures = report.figures(month);
        Map<String, Object> stored = new LinkedHashMap<>();
        figures.byRule().forEach((rule, counts) -> stored.put(rule, Map.of("incidents", counts[0], "occurrences", counts[1])));
        stored.put("healthIncidents", figures.healthIncidents());
        stored.put("openAtDrafting", figures.open().size());
        // an approved month stays as approved: a new draft replaces only a draft or a refused one
        jdbc.update("""
                insert into lgsp.security_report (month, status, figures, process_instance_id)
                values (?, 'DRAFT', ?::jsonb, ?)
                on conflict (month) do update set status = 'DRAFT', figures = excluded.figures, drafted_at = now(),
                    decided_by = null, decided_at = null, decision_note = null,
                    process_instance_id = excluded.process_instance_id
                where security_report.status <> 'APPROVED'""",
                month.toString(), json.writeValueAsString(stored), execution.getProcessInstanceId());
        execution.setVariable(Variables.MONTH, month.toString());
        execution.setVariable(Variables.SUMMARY, figures.findings() + " sự cố an toàn thông tin, " + figures.healthIncidents()
                + " sự cố vận hành, " + figures.open().size() + " chưa xử lý xong");
        execution.setVariable(Variables.DECIDE_DUE, Date.from(Instant.now().plus(Duration.ofDays(SecurityReportProcess.DECIDE_DAYS))));
    }

    /** The leader's decision, on record with who made it. */
    public void decided(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String by = authentication == null || authentication.getUserId() == null ? "dost-leader" : authentication.getUserId();
        boolean approved = SecurityReportProcess.APPROVE.equals(execution.getVariable(Variables.DECISION));
        // the leader decides on the draft this process made, not on a later one
        jdbc.update("update lgsp.security_report set status = ?, decided_by = ?, decided_at = now(), decision_note = ?"
                        + " where month = ? and process_instance_id = ? and status = 'DRAFT'",
                approved ? "APPROVED" : "REJECTED", by, execution.getVariable(Variables.DECISION_NOTE),
                execution.getVariable(Variables.MONTH), execution.getProcessInstanceId());
        mailer.send("watch/security-report-decided", Recipients.staffGroup("dost-operators"), "month",
                execution.getVariable(Variables.MONTH), "approved", approved, "by", by,
                "note", execution.getVariable(Variables.DECISION_NOTE));
    }
}
