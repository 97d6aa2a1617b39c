package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDays;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.exchange.ProcedureExchanges;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;

/**
 * The block "Gửi hồ sơ đến cơ quan và chờ kết quả" ({@code lgsp-block-send-record}): the named
 * documents of the case go as one record, on behalf of the owning agency, to the destination,
 * and the block waits for the exchange to end; its result becomes the block's outputs, or one
 * of its BPMN errors.
 */
@Component("caseRecords")
public class CaseRecords {

    /** The record's media type: the case's number, the procedure code and the chosen documents. */
    public static final String CONTENT_TYPE = "application/vnd.lgsp.case+json";
    static final String SETTLED = "ProcedureRecordSettled";
    static final String EXCHANGE_ID = "exchangeId";
    static final String OUTCOME = "outcome";
    /** In a test case's data: the outcome every record of the case gets. */
    public static final String TEST_OUTCOME = "testOutcome";

    private final ProcedureCases cases;
    private final ProcedureExchanges exchanges;
    private final WorkingDays workingDays;
    private final RuntimeService runtime;
    private final ObjectMapper json;

    CaseRecords(ProcedureCases cases, ProcedureExchanges exchanges, WorkingDays workingDays, RuntimeService runtime,
                ObjectMapper json) {
        this.cases = cases;
        this.exchanges = exchanges;
        this.workingDays = workingDays;
        this.runtime = runtime;
        this.json = json;
    }

    /** Sends the record; a record the LGSP cannot accept (an inactive destination, too large) is undeliverable. */
    public void send(DelegateExecution execution) {
        ProcedureCases.Case c = caseOf(execution);
        String destination = text(execution, "destinationCode");
        String procedureCode = text(execution, "procedureCode");
        List<String> names = Arrays.stream(text(execution, "documents").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        int days = Integer.parseInt(text(execution, "deadlineWorkingDays").strip());
        byte[] content;
        try {
            content = pack(c, procedureCode, cases.documents(c.id(), names));
        } catch (ProcedureCases.MissingDocument e) {
            throw new BpmnError(ProcedureBlocks.SEND_RECORD.errors().get(2).code(), "Không gửi được hồ sơ: " + e.getMessage());
        }
        if (c.environment() == ProcedureCases.Environment.TEST) {
            dryRun(execution, c, destination, procedureCode);
            return;
        }
        UUID exchange;
        try {
            exchange = exchanges.send(c.owner(), c.id() + ":" + execution.getProcessInstanceId(), destination,
                    procedureCode, CONTENT_TYPE, content, workingDays.after(days).toInstant());
        } catch (ApiException e) {
            throw new BpmnError(ProcedureBlocks.SEND_RECORD.errors().get(2).code(), "Không gửi được hồ sơ: " + e.getMessage());
        }
        execution.setVariable(EXCHANGE_ID, exchange.toString());
        execution.setVariable(OUTCOME, null);
        long seq = cases.addStep(c.id(), destination, stepName(execution, procedureCode), "RECORD", null, exchange.toString(), false);
        execution.setVariable(CaseSteps.STEP_SEQ, seq);
    }

    /**
     * A case in the test environment sends nothing to any agency: the record is packed (so a
     * missing document shows) and answered at once with the outcome the tester chose in the
     * case's data ({@value #TEST_OUTCOME}, or {@code testOutcome_<destination code, dots as _>} for one
     * destination: PROCESSED, REFUSED, EXPIRED or UNDELIVERABLE), so
     * that every path of the model can be walked before production.
     */
    private void dryRun(DelegateExecution execution, ProcedureCases.Case c, String destination, String procedureCode) {
        // the outcome for this destination (testOutcome_000_00_13_H26), else for every record
        Object chosen = runtime.getVariable(c.processInstanceId(), TEST_OUTCOME + "_" + destination.replace('.', '_'));
        if (chosen == null) {
            chosen = runtime.getVariable(c.processInstanceId(), TEST_OUTCOME);
        }
        String outcome = chosen == null ? "PROCESSED" : chosen.toString();
        if (!java.util.Set.of("PROCESSED", "REFUSED", "EXPIRED", "UNDELIVERABLE").contains(outcome)) {
            outcome = "PROCESSED";
        }
        execution.setVariable(EXCHANGE_ID, null);
        execution.setVariable(OUTCOME, outcome);
        execution.setVariable("resultCode", "PROCESSED".equals(outcome) ? "00" : "01");
        execution.setVariable("resultMessage", "Thử nghiệm: hồ sơ không được gửi đến " + destination + " (kết quả " + outcome + ")");
        execution.setVariable("resultReference", "TEST-" + procedureCode);
        cases.addStep(c.id(), destination, stepName(execution, procedureCode) + " (thử nghiệm, không gửi)", "RECORD", outcome,
                null, true);
    }

    /** The exchange of a case's record ended: the waiting block moves on, with the outcome as its variables. */
    @EventListener
    void exchangeEnded(ProcedureExchanges.Outcome outcome) {
        String kind = outcome.processed() ? "PROCESSED" : outcome.refused() ? "REFUSED" : outcome.expired() ? "EXPIRED"
                : "UNDELIVERABLE";
        String message = outcome.resultMessage() != null ? outcome.resultMessage()
                : outcome.failureReason() != null ? outcome.failureReason() : outcome.status();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(OUTCOME, kind);
        variables.put("resultCode", outcome.resultCode() == null ? "01" : outcome.resultCode());
        variables.put("resultMessage", message);
        variables.put("resultReference", outcome.resultReference());
        // only the block's own process waits for this message (procedures may not declare it)
        var waiting = runtime.createExecutionQuery().processDefinitionKey(ProcedureBlocks.SEND_RECORD.calledProcess())
                .messageEventSubscriptionName(SETTLED)
                .processVariableValueEquals(EXCHANGE_ID, outcome.exchangeId().toString()).list();
        for (var execution : waiting) {
            Object seq = runtime.getVariable(execution.getProcessInstanceId(), CaseSteps.STEP_SEQ);
            cases.byProcessInstance(root(execution.getProcessInstanceId())).ifPresent(c -> {
                if (seq instanceof Number n) {
                    cases.endStep(c.id(), n.longValue(), kind, outcome.resultReference());
                }
            });
            runtime.createMessageCorrelation(SETTLED).processInstanceId(execution.getProcessInstanceId())
                    .setVariables(variables).correlate();
        }
    }

    /** The step as the analyst named it in the procedure (the calling activity), else by its procedure code. */
    private static String stepName(DelegateExecution execution, String procedureCode) {
        DelegateExecution caller = execution.getSuperExecution();
        String name = caller == null ? null : caller.getCurrentActivityName();
        return name == null || name.isBlank() ? "Hồ sơ " + procedureCode : name;
    }

    private String root(String processInstanceId) {
        String current = processInstanceId;
        while (true) {
            var parent = runtime.createProcessInstanceQuery().subProcessInstanceId(current).singleResult();
            if (parent == null) {
                return current;
            }
            current = parent.getId();
        }
    }

    private byte[] pack(ProcedureCases.Case c, String procedureCode, List<ProcedureCases.OpenedDocument> documents) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("caseNumber", c.caseNumber());
        record.put("procedure", c.procedureKey());
        record.put("procedureCode", procedureCode);
        record.put("owner", c.owner());
        List<Map<String, String>> list = new ArrayList<>();
        for (var d : documents) {
            list.add(Map.of("name", d.name(), "contentType", d.contentType(), "sha256", d.sha256(),
                    "content", Base64.getEncoder().encodeToString(d.content())));
        }
        record.put("documents", list);
        try {
            return json.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case of the procedure instance at the top of the calls this block runs in. */
    ProcedureCases.Case caseOf(DelegateExecution execution) {
        DelegateExecution top = execution;
        while (top.getSuperExecution() != null) {
            top = top.getSuperExecution();
        }
        String instance = top.getProcessInstanceId();
        return cases.byProcessInstance(instance)
                .orElseThrow(() -> new IllegalStateException("process instance " + instance + " is no procedure's case"));
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new BpmnError(ProcedureBlocks.SEND_RECORD.errors().get(2).code(),
                    "Khối gửi hồ sơ thiếu đầu vào " + name);
        }
        return value.toString();
    }
}
