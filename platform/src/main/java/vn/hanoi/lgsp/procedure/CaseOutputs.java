package vn.hanoi.lgsp.procedure;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;
import vn.hanoi.lgsp.postal.CasePostal;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;

/**
 * The blocks that take a case's outcome out of the LGSP: "Trả kết quả qua bưu chính"
 * ({@code lgsp-block-postal-return}) and "Thông báo" ({@code lgsp-block-notify}).
 */
@Component("caseOutputs")
public class CaseOutputs {

    private final CaseRecords records;
    private final ProcedureCases cases;
    private final CasePostal postal;
    private final Mailer mailer;

    CaseOutputs(CaseRecords records, ProcedureCases cases, CasePostal postal, Mailer mailer) {
        this.records = records;
        this.cases = cases;
        this.postal = postal;
        this.mailer = mailer;
    }

    /**
     * The result goes to the applicant by post when they asked for it; a case in the test
     * environment has its address checked and sends no parcel.
     */
    public void sendByPost(DelegateExecution execution) {
        ProcedureCases.Case c = records.caseOf(execution);
        var recipient = cases.postal(c.id());
        if (recipient.isEmpty()) {
            execution.setVariable("shipmentId", null);
            return;
        }
        var r = recipient.get();
        CasePostal.Recipient to = new CasePostal.Recipient(r.name(), r.phone(), r.address(), r.provinceCode(), r.wardCode());
        String procedureCode = String.valueOf(execution.getVariable("procedureCode"));
        String level = String.valueOf(execution.getVariable("serviceLevel"));
        String item = String.valueOf(execution.getVariable("itemName"));
        try {
            if (c.environment() == ProcedureCases.Environment.TEST) {
                postal.check(c.owner(), c.caseNumber(), procedureCode, level, item, to);
                execution.setVariable("shipmentId", null);
                cases.addStep(c.id(), c.owner(), "Bưu chính (thử nghiệm, không gửi)", "POSTAL", "TEST", null, true);
                return;
            }
            UUID shipment = postal.send(c.owner(), c.caseNumber(), procedureCode, level, item, to);
            execution.setVariable("shipmentId", shipment.toString());
            cases.addStep(c.id(), c.owner(), "Trả kết quả qua bưu chính", "POSTAL", "REQUESTED", shipment.toString(), true);
        } catch (ApiException e) {
            throw new BpmnError(ProcedureBlocks.POSTAL_RETURN.errors().get(0).code(), e.getMessage());
        }
    }

    /** Mail to an agency's staff (or DOST's operators) about the case: its number, never its content. */
    public void notifyStaff(DelegateExecution execution) {
        ProcedureCases.Case c = records.caseOf(execution);
        String agency = String.valueOf(execution.getVariable("agencyCode"));
        boolean test = c.environment() == ProcedureCases.Environment.TEST;
        // a test case tells whoever started it, never the agencies' staff
        Recipients to = test ? Recipients.users(List.of(c.startedBy()))
                : ProcedureBlocks.Properties.DOST.equals(agency) ? Recipients.staffGroup("dost-operators")
                : Recipients.staffOf(agency);
        String subject = String.valueOf(execution.getVariable("subject"));
        List<String> sent = mailer.send("procedure/case-notice", to, "subject", subject,
                "message", String.valueOf(execution.getVariable("message")), "caseNumber", c.caseNumber(),
                "procedure", c.procedureKey(), "test", test);
        recordNotice(c, agency, subject, !sent.isEmpty());
    }

    private void recordNotice(ProcedureCases.Case c, String agency, String subject, boolean sent) {
        cases.addStep(c.id(), agency, "Thông báo: " + subject, "NOTICE", sent ? "SENT" : "NO_RECIPIENT", null, true);
    }
}
