package vn.hanoi.lgsp.privacy;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.privacy.DataUseReportProcess.Variables;

/** What the {@code data-use-report} model does at its steps ({@code ${dataUseReportSteps.answered(execution)}}). */
@Component("dataUseReportSteps")
public class DataUseReportSteps {

    private final DataUseReports reports;

    DataUseReportSteps(DataUseReports reports) {
        this.reports = reports;
    }

    /** DOST answered: the citizen reads it on their page. */
    public void answered(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        reports.answered(UUID.fromString((String) execution.getVariable(Variables.REPORT_ID)),
                (String) execution.getVariable(Variables.FINDING), (String) execution.getVariable(Variables.ANSWER),
                authentication == null || authentication.getUserId() == null ? "dost" : authentication.getUserId());
    }
}
