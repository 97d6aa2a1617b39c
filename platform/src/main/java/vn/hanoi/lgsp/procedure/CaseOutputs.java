package vn.hanoi.lgsp.procedure;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.notification.Mailer;
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
    private final KeycloakAdmin keycloak;
    private final Mailer mailer;

    CaseOutputs(CaseRecords records, ProcedureCases cases, CasePostal postal, KeycloakAdmin keycloak, Mailer mailer) {
        this.records = records;
        this.cases = cases;
        this.postal = postal;
        this.keycloak = keycloak;
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
        // a test case tells whoever started it, never the agencies' staff
        List<String> to = c.environment() == ProcedureCases.Environment.TEST ? mailer.addressesOf(List.of(c.startedBy()))
                : ProcedureBlocks.Properties.DOST.equals(agency) ? mailer.staffGroup("dost-operators")
                : mailer.addressesOf(keycloak.staffOf(agency));
        String subject = String.valueOf(execution.getVariable("subject"));
        String message = String.valueOf(execution.getVariable("message"));
        mailer.send(to, subject + " — hồ sơ " + c.caseNumber(), message + "\n\nSố hồ sơ: " + c.caseNumber()
                + "\nThủ tục: " + c.procedureKey() + (c.environment() == ProcedureCases.Environment.TEST
                ? "\n(Môi trường thử nghiệm)" : ""));
        cases.addStep(c.id(), agency, "Thông báo: " + subject, "NOTICE", to.isEmpty() ? "NO_RECIPIENT" : "SENT", null, true);
    }
}
