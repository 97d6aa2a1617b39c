package vn.hanoi.lgsp.procedure;

import static vn.hanoi.lgsp.procedure.ModelXml.BPMN;
import static vn.hanoi.lgsp.procedure.ModelXml.CAMUNDA;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import vn.hanoi.lgsp.procedure.ModelPolicy.Problem;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;

/**
 * One BPMN file's walk: the element in hand and the nearest one with an id, to name problems by.
 * Elements and attributes that run code are refused, tasks name who does them, forms and decision
 * tables come from the deployment, and calls go to a building block or the deployment's own process.
 */
final class BpmnCheck {

    /** DOST's staff groups: the only candidate groups a procedure names (agencies' staff come from {@code lgsp.agency}). */
    static final Set<String> CANDIDATE_GROUPS = Set.of("dost-operators", "dost-reviewers", "dost-leaders");
    static final Set<String> STARTER_GROUPS = Set.of("dost-operators", "dost-reviewers", "dost-leaders", "agency-staff");

    /** Messages the platform's own processes wait for: a procedure may not catch or send them. */
    private static final Set<String> PLATFORM_MESSAGES = Set.of("ProcedureRecordSettled", "RecordReceived",
            "ExchangeResultReported", "PostalStatusReported");
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("scriptTask", "script", "executionListener",
            "taskListener", "variableListener", "connector", "formData", "formProperty", "field");
    private static final Set<String> FORBIDDEN_ATTRIBUTES = Set.of("class", "delegateExpression", "expression",
            "scriptFormat", "resource", "variableMappingClass", "variableMappingDelegateExpression", "formKey",
            "formHandlerClass", "assignee", "candidateUsers", "candidateStarterUsers", "caseRef", "calledElementTenantId",
            "decisionRefTenantId", "formRefVersion", "calledElement", "calledElementBinding", "calledElementVersion",
            "calledElementVersionTag", "decisionRefVersion", "decisionRefVersionTag", "formRefVersionTag");

    private final String resource;
    private final ModelPolicy.Context context;
    private final ExpressionCheck expressions;
    private final Set<String> formIds;
    private final Set<String> decisionIds;
    private final BlockCallCheck calls;
    private final List<Problem> problems;

    BpmnCheck(String resource, ModelPolicy.Context context, ExpressionCheck expressions, Set<String> formIds,
              Set<String> decisionIds, Set<String> processIds, List<Problem> problems) {
        this.resource = resource;
        this.context = context;
        this.expressions = expressions;
        this.formIds = formIds;
        this.decisionIds = decisionIds;
        this.calls = new BlockCallCheck(resource, processIds, context.agencyExists(), problems);
        this.problems = problems;
    }

    void walk(Element element, Element named) {
        String local = ModelXml.localName(element);
        boolean bpmn = BPMN.equals(element.getNamespaceURI());
        if (!element.getAttribute("id").isEmpty() && bpmn) {
            named = element;
        }
        if (FORBIDDEN_ELEMENTS.contains(local)) {
            add(named, "<" + local + "> is not accepted (it runs code)");
        }
        if (bpmn) {
            switch (local) {
                case "process" -> process(element);
                case "userTask" -> userTask(element);
                case "startEvent" -> formOf(element);
                case "callActivity" -> calls.check(element);
                case "businessRuleTask" -> businessRuleTask(element);
                case "message" -> {
                    if (PLATFORM_MESSAGES.contains(element.getAttribute("name").strip())) {
                        add(named, "message " + element.getAttribute("name") + " is one the platform's own processes wait for");
                    }
                }
                case "conditionExpression" -> {
                    if (!element.getAttribute("language").isEmpty()) {
                        add(named, "a condition in language " + element.getAttribute("language")
                                + " is a script; write it as ${...} over variables");
                    }
                }
                default -> {
                }
            }
        }
        attributes(element, named, local);
        expressions.check(resource, named, ModelXml.ownText(element), problems);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walk(e, named);
            }
        }
    }

    private void attributes(Element element, Element named, String local) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getNodeName() : attribute.getLocalName();
            boolean camunda = CAMUNDA.equals(attribute.getNamespaceURI());
            if (camunda && FORBIDDEN_ATTRIBUTES.contains(name)) {
                add(named, "camunda:" + name + " on <" + local + "> is not accepted ("
                        + switch (name) {
                            case "formKey" -> "use a Camunda Form deployed with the procedure (formRef)";
                            case "assignee", "candidateUsers", "candidateStarterUsers" ->
                                    "staff are chosen by the agency (lgsp.agency), never by name";
                            default -> "it runs code";
                        } + ")");
            }
            if (camunda && "topic".equals(name) && !ProcedureBlocks.TOPICS.contains(attribute.getNodeValue())) {
                add(named, "external-task topic " + attribute.getNodeValue()
                        + " is not in the catalog of building blocks");
            }
            if (camunda && "candidateGroups".equals(name)) {
                groups(named, attribute.getNodeValue(), CANDIDATE_GROUPS, "candidate group");
            }
            if (camunda && "candidateStarterGroups".equals(name)) {
                groups(named, attribute.getNodeValue(), STARTER_GROUPS, "starter group");
            }
            expressions.check(resource, named, attribute.getNodeValue(), problems);
        }
    }

    private void groups(Element named, String value, Set<String> allowed, String what) {
        for (String group : value.split(",")) {
            String g = group.strip();
            if (!allowed.contains(g)) {
                add(named, what + " " + g + " is not accepted: name the agency (lgsp.agency) or one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private void process(Element process) {
        String id = process.getAttribute("id");
        if (context.platformProcessIds().contains(id) || ProcedureBlocks.byCalledProcess(id).isPresent()) {
            add(process, "process " + id + " is one of the platform's own; give the procedure another id");
        }
        if (!"false".equals(process.getAttribute("isExecutable"))) {
            String owner = ModelXml.property(process, ProcedureBlocks.Properties.OWNER);
            if (owner == null) {
                add(process, "the procedure names no owning agency (property " + ProcedureBlocks.Properties.OWNER
                        + " on the process: its electronic identifier code)");
            } else if (!context.agencyExists().test(owner)) {
                add(process, "owning agency " + owner + " is not in the agency registry");
            }
        }
    }

    private void userTask(Element task) {
        String agency = ModelXml.property(task, ProcedureBlocks.Properties.TASK_AGENCY);
        String groups = task.getAttributeNS(CAMUNDA, "candidateGroups");
        if (agency == null && groups.isEmpty()) {
            add(task, "the task names nobody to do it: set the agency (" + ProcedureBlocks.Properties.TASK_AGENCY
                    + ") whose staff do it, or DOST");
        }
        if (agency != null && !ProcedureBlocks.Properties.DOST.equals(agency) && !context.agencyExists().test(agency)) {
            add(task, "agency " + agency + " is not in the agency registry");
        }
        formOf(task);
    }

    /** A Camunda Form of this deployment, bound to it. */
    private void formOf(Element task) {
        String form = task.getAttributeNS(CAMUNDA, "formRef");
        if (!form.isEmpty()) {
            if (!formIds.contains(form)) {
                add(task, "form " + form + " is not in this deployment: deploy the .form file with the procedure");
            }
            if (!"deployment".equals(task.getAttributeNS(CAMUNDA, "formRefBinding"))) {
                add(task, "a form is bound to the deployment (camunda:formRefBinding=\"deployment\")");
            }
        }
    }

    private void businessRuleTask(Element task) {
        String decision = task.getAttributeNS(CAMUNDA, "decisionRef");
        if (decision.isEmpty()) {
            add(task, "a business rule task names a decision table of this deployment (camunda:decisionRef)");
            return;
        }
        if (!decisionIds.contains(decision)) {
            add(task, "decision table " + decision + " is not in this deployment: deploy the .dmn file with the procedure");
        }
        if (!"deployment".equals(task.getAttributeNS(CAMUNDA, "decisionRefBinding"))) {
            add(task, "a decision table is bound to the deployment (camunda:decisionRefBinding=\"deployment\")");
        }
    }

    private void add(Element named, String reason) {
        problems.add(Problem.at(resource, named, reason));
    }
}
