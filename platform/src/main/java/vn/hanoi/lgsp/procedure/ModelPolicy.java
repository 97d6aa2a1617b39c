package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks.Block;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * What an analyst's deployment may hold: models, never code. A procedure is made of standard
 * BPMN, the building blocks of {@link ProcedureBlocks}, Camunda Forms and FEEL decision tables
 * deployed with it. Refused, each named with its element so that the analyst can fix it in
 * Modeler: scripts, Java delegates ({@code class}, {@code delegateExpression}, {@code expression}),
 * listeners, connectors, topics outside the catalog, expressions that reach past a variable
 * (a bean, a property, a method call), candidate groups outside DOST's, forms and decisions
 * outside the deployment, calls into any process but a block's or the deployment's own, and
 * the ids of the platform's own processes and forms.
 *
 * <p>The engine runs this check on every deployment a person makes ({@link ModelPolicyPlugin});
 * the engine REST guard runs it first to answer with the {@code 01} envelope.
 */
public final class ModelPolicy {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String DMN_CAMUNDA = "http://camunda.org/schema/1.0/dmn";
    /** The engine reads this old namespace as Camunda's own: it is treated as Camunda's here too. */
    static final String ACTIVITI = "http://activiti.org/bpmn";
    /** Namespaces a model may use; anything else is refused rather than guessed at. */
    private static final Set<String> KNOWN_NAMESPACES = Set.of(BPMN, CAMUNDA, DMN_CAMUNDA,
            "http://www.omg.org/spec/BPMN/20100524/DI", "http://www.omg.org/spec/DD/20100524/DC",
            "http://www.omg.org/spec/DD/20100524/DI", "http://camunda.org/schema/modeler/1.0",
            "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/2000/xmlns/",
            "http://www.w3.org/XML/1998/namespace", "https://www.omg.org/spec/DMN/20191111/MODEL/",
            "https://www.omg.org/spec/DMN/20191111/DMNDI/", "http://www.omg.org/spec/DMN/20180521/MODEL/",
            "http://www.omg.org/spec/DMN/20180521/DMNDI/", "http://www.omg.org/spec/DMN/20180521/DI/",
            "http://www.omg.org/spec/DMN/20180521/DC/", "https://www.omg.org/spec/DMN/20230324/MODEL/",
            "https://www.omg.org/spec/DMN/20230324/DMNDI/", "http://www.omg.org/spec/DMN/20151101/dmn.xsd");
    /** Messages the platform's own processes wait for: a procedure may not catch or send them. */
    private static final Set<String> PLATFORM_MESSAGES = Set.of("ProcedureRecordSettled", "RecordReceived",
            "ExchangeResultReported", "PostalStatusReported");

    /** DOST's staff groups: the only candidate groups a procedure names (agencies' staff come from {@code lgsp.agency}). */
    static final Set<String> CANDIDATE_GROUPS = Set.of("dost-operators", "dost-reviewers", "dost-leaders");
    static final Set<String> STARTER_GROUPS = Set.of("dost-operators", "dost-reviewers", "dost-leaders", "agency-staff");

    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("scriptTask", "script", "executionListener",
            "taskListener", "variableListener", "connector", "formData", "formProperty", "field");
    private static final Set<String> FORBIDDEN_ATTRIBUTES = Set.of("class", "delegateExpression", "expression",
            "scriptFormat", "resource", "variableMappingClass", "variableMappingDelegateExpression", "formKey",
            "formHandlerClass", "assignee", "candidateUsers", "candidateStarterUsers", "caseRef", "calledElementTenantId",
            "decisionRefTenantId", "formRefVersion", "calledElement", "calledElementBinding", "calledElementVersion",
            "calledElementVersionTag", "decisionRefVersion", "decisionRefVersionTag", "formRefVersionTag");
    /** Names an expression must not reach: the engine's objects behind every expression. */
    private static final Set<String> RESERVED_NAMES = Set.of("execution", "task", "externalTask", "caseExecution",
            "variableScope", "processEngine", "processEngineServices", "authenticatedUserId", "connector", "dateTime",
            "currentUser", "currentUserGroups", "applicationContext");
    private static final Set<String> JUEL_WORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
            "div", "mod", "empty", "true", "false", "null");
    private static final Set<String> FEEL = Set.of("feel", "http://www.omg.org/spec/feel/20140401",
            "https://www.omg.org/spec/dmn/20191111/feel/", "https://www.omg.org/spec/dmn/20230324/feel/");

    /** A dot that is not a decimal point, an index, a function namespace call. */
    private static final Pattern REACH = Pattern.compile("(?<![0-9])\\.|\\.(?![0-9])|\\[");
    /** The one call a procedure may make: the working-day calendar's due dates (R-26). */
    private static final Pattern WORKING_DAYS = Pattern.compile(
            "\\s*workingDays\\s*\\.\\s*(?:after\\(\\s*\\d{1,3}\\s*\\)|afterFrom\\(\\s*\\d{1,3}\\s*,\\s*[A-Za-z_]\\w*\\s*\\))\\s*");
    private static final Pattern FORM_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** One thing refused, named so that Modeler can find it. */
    public record Problem(String resource, String elementId, String elementName, String reason) {

        @Override
        public String toString() {
            String where = elementId == null ? "" : " " + elementId
                    + (elementName == null || elementName.isBlank() ? "" : " (\"" + elementName + "\")");
            return resource + where + ": " + reason;
        }
    }

    /** What the policy knows of the platform: its reserved ids, its beans, its agencies. */
    public record Context(Set<String> platformProcessIds, Set<String> platformFormIds, Set<String> beanNames,
                          Predicate<String> agencyExists) {
    }

    private final Context context;
    private final ObjectMapper json = new ObjectMapper();

    public ModelPolicy(Context context) {
        this.context = context;
    }

    /** Every problem of a deployment's resources, read together (forms and decisions are looked up across them). */
    public List<Problem> check(Map<String, byte[]> resources) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Document> bpmn = new LinkedHashMap<>();
        Map<String, Document> dmn = new LinkedHashMap<>();
        Set<String> formIds = new HashSet<>();
        for (var resource : resources.entrySet()) {
            String name = resource.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".form")) {
                readForm(name, resource.getValue(), formIds, problems);
            } else if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml") || lower.endsWith(".dmn")
                    || lower.endsWith(".dmn11.xml")) {
                Document document;
                try {
                    document = SafeXml.parse(resource.getValue());
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(name, null, null, "not a readable XML model (" + e.getMessage() + ")"));
                    continue;
                }
                normalize(name, document, problems);
                (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml") ? dmn : bpmn).put(name, document);
            } else {
                problems.add(new Problem(name, null, null, "only BPMN, DMN and Camunda Form files are deployed here"));
            }
        }
        Set<String> decisionIds = new HashSet<>();
        dmn.forEach((name, document) -> checkDecisions(name, document, decisionIds, problems));
        Set<String> processIds = new HashSet<>();
        bpmn.values().forEach(document -> elements(document.getDocumentElement(), BPMN, "process")
                .forEach(p -> processIds.add(p.getAttribute("id"))));
        bpmn.forEach((name, document) -> new BpmnCheck(name, formIds, decisionIds, processIds, problems)
                .walk(document.getDocumentElement(), null));
        return problems;
    }

    private void readForm(String name, byte[] content, Set<String> formIds, List<Problem> problems) {
        try {
            JsonNode form = json.readTree(content);
            String id = form.path("id").asText(null);
            if (id == null || id.isBlank()) {
                problems.add(new Problem(name, null, null, "a Camunda Form needs an id"));
                return;
            }
            if (context.platformFormIds().contains(id)) {
                problems.add(new Problem(name, id, null, "form " + id + " is one of the platform's own forms; give yours another id"));
            }
            formIds.add(id);
        } catch (Exception e) {
            problems.add(new Problem(name, null, null, "not a Camunda Form (JSON): " + e.getMessage()));
        }
    }

    private void checkDecisions(String name, Document document, Set<String> decisionIds, List<Problem> problems) {
        walkDmn(name, document.getDocumentElement(), null, decisionIds, problems);
    }

    private void walkDmn(String resource, Element element, Element named, Set<String> decisionIds, List<Problem> problems) {
        String local = localName(element);
        if (!element.getAttribute("id").isEmpty()) {
            named = element;
        }
        if ("decision".equals(local)) {
            decisionIds.add(element.getAttribute("id"));
        }
        for (String attribute : List.of("expressionLanguage", "typeLanguage")) {
            String language = element.getAttribute(attribute);
            if (!language.isEmpty() && !FEEL.contains(language.toLowerCase(Locale.ROOT))) {
                problems.add(problem(resource, named, "expression language " + language
                        + " is not accepted in a decision table; use FEEL"));
            }
        }
        if (("text".equals(local)) && element.getTextContent() != null
                && element.getTextContent().replaceAll("\\s+", " ").contains("external {")) {
            problems.add(problem(resource, named, "FEEL external functions run Java code and are not accepted"));
        }
        checkExpressions(resource, named, ownText(element), problems);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walkDmn(resource, e, named, decisionIds, problems);
            }
        }
    }

    /** One BPMN file's walk: the element in hand and the nearest one with an id, to name problems by. */
    private final class BpmnCheck {
        private final String resource;
        private final Set<String> formIds;
        private final Set<String> decisionIds;
        private final Set<String> processIds;
        private final List<Problem> problems;

        BpmnCheck(String resource, Set<String> formIds, Set<String> decisionIds, Set<String> processIds,
                  List<Problem> problems) {
            this.resource = resource;
            this.formIds = formIds;
            this.decisionIds = decisionIds;
            this.processIds = processIds;
            this.problems = problems;
        }

        void walk(Element element, Element named) {
            String local = localName(element);
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
                    case "callActivity" -> callActivity(element);
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
            checkExpressions(resource, named, ownText(element), problems);
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
                checkExpressions(resource, named, attribute.getNodeValue(), problems);
            }
        }

        private void groups(Element named, String value, Set<String> allowed, String what) {
            for (String group : value.split(",")) {
                String g = group.strip();
                if (!allowed.contains(g)) {
                    add(named, what + " " + g + " is not accepted: name the agency (lgsp.agency) or one of "
                            + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }

        private void process(Element process) {
            String id = process.getAttribute("id");
            if (context.platformProcessIds().contains(id) || ProcedureBlocks.byCalledProcess(id).isPresent()) {
                add(process, "process " + id + " is one of the platform's own; give the procedure another id");
            }
            if (!"false".equals(process.getAttribute("isExecutable"))) {
                String owner = property(process, ProcedureBlocks.Properties.OWNER);
                if (owner == null) {
                    add(process, "the procedure names no owning agency (property " + ProcedureBlocks.Properties.OWNER
                            + " on the process: its electronic identifier code)");
                } else if (!context.agencyExists().test(owner)) {
                    add(process, "owning agency " + owner + " is not in the agency registry");
                }
            }
        }

        private void userTask(Element task) {
            String agency = property(task, ProcedureBlocks.Properties.TASK_AGENCY);
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

        private void callActivity(Element call) {
            // the engine reads the BPMN attribute only (camunda:calledElement is refused as a decoy)
            String called = call.getAttribute("calledElement").strip();
            var block = ProcedureBlocks.byCalledProcess(called);
            if (block.isEmpty() && !processIds.contains(called)) {
                add(call, "a call activity calls a building block or a process of this deployment; "
                        + (called.isEmpty() ? "it names none" : called + " is neither"));
                return;
            }
            block.ifPresent(b -> {
                blockInputs(call, b);
                errorsCaught(call, b);
            });
        }

        /**
         * Every error the block throws is caught on it: the engine ends a process quietly at an
         * error nothing catches, so a refused record would otherwise look like a processed one.
         */
        private void errorsCaught(Element call, Block block) {
            Element definitions = call.getOwnerDocument().getDocumentElement();
            Map<String, String> codes = new LinkedHashMap<>();
            for (Element error : elements(definitions, BPMN, "error")) {
                codes.put(error.getAttribute("id"), error.getAttribute("errorCode"));
            }
            Set<String> caught = new HashSet<>();
            boolean catchAll = false;
            for (Element boundary : elements(definitions, BPMN, "boundaryEvent")) {
                if (!call.getAttribute("id").equals(boundary.getAttribute("attachedToRef"))) {
                    continue;
                }
                for (Element definition : elements(boundary, BPMN, "errorEventDefinition")) {
                    String ref = definition.getAttribute("errorRef");
                    if (ref.isEmpty() || codes.getOrDefault(ref, "").isEmpty()) {
                        catchAll = true;
                    } else {
                        caught.add(codes.get(ref));
                    }
                }
            }
            if (catchAll) {
                return;
            }
            for (var error : block.errors()) {
                if (!caught.contains(error.code())) {
                    add(call, "block \"" + block.name() + "\" can end with error " + error.code() + " (" + error.name()
                            + "): attach a boundary error event that catches it");
                }
            }
        }

        /** A block's inputs: every required one mapped, and literal values as the contract says. */
        private void blockInputs(Element call, Block block) {
            Map<String, String> given = new LinkedHashMap<>();
            for (Element in : elements(call, CAMUNDA, "in")) {
                if (!in.getAttribute("target").isEmpty()) {
                    given.put(in.getAttribute("target"), in.hasAttribute("sourceExpression")
                            ? in.getAttribute("sourceExpression") : null);
                }
            }
            for (var input : block.inputs()) {
                if (!given.containsKey(input.name())) {
                    if (input.required()) {
                        add(call, "block \"" + block.name() + "\" needs its input " + input.name() + " (" + input.label() + ")");
                    }
                    continue;
                }
                String value = given.get(input.name());
                if (value == null || value.contains("${") || value.contains("#{")) {
                    continue;
                }
                if (input.pattern() != null && !value.matches(input.pattern())) {
                    add(call, input.label() + " \"" + value + "\" is not valid: " + input.description());
                } else if ("destinationCode".equals(input.name()) && !context.agencyExists().test(value)) {
                    add(call, "agency " + value + " is not in the agency registry");
                }
            }
        }

        private void add(Element named, String reason) {
            problems.add(problem(resource, named, reason));
        }
    }

    /**
     * Every {@code ${...}} and {@code #{...}} in the text reads variables and nothing else, or asks
     * the working-day calendar. Expressions are scanned as JUEL reads them (strings may hold a
     * brace), never cut by a pattern.
     */
    private void checkExpressions(String resource, Element named, String text, List<Problem> problems) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if ((c != '$' && c != '#') || text.charAt(i + 1) != '{') {
                continue;
            }
            int end = expressionEnd(text, i + 2);
            if (end < 0) {
                problems.add(problem(resource, named, "expression " + text.substring(i) + " is not closed"));
                return;
            }
            String reason = refusal(text.substring(i + 2, end));
            if (reason != null) {
                problems.add(problem(resource, named, "expression " + text.substring(i, end + 1) + " " + reason));
            }
            i = end;
        }
    }

    /** Where the expression that starts at {@code from} ends: its closing brace outside any string; -1 if none. */
    private static int expressionEnd(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return i;
            }
        }
        return -1;
    }

    /** Why an expression is refused, or null when it only reads variables. */
    String refusal(String expression) {
        if (WORKING_DAYS.matcher(expression).matches()) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < expression.length() && expression.charAt(j) != c) {
                    j += expression.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= expression.length()) {
                    return "has a string that is not closed";
                }
                tokens.add("''");
                i = j + 1;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < expression.length() && (Character.isDigit(expression.charAt(j)) || expression.charAt(j) == '.'
                        || expression.charAt(j) == 'e' || expression.charAt(j) == 'E')) {
                    j++;
                }
                tokens.add("0");
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < expression.length() && Character.isJavaIdentifierPart(expression.charAt(j))) {
                    j++;
                }
                tokens.add(expression.substring(i, j));
                i = j;
            } else if (c == '.' || c == '[' || c == ']') {
                return "reaches past a variable (a property or an index); only comparisons of variables are accepted";
            } else if ("=!<>&|".indexOf(c) >= 0 && i + 1 < expression.length() && expression.charAt(i + 1) == '='
                    || c == '&' && i + 1 < expression.length() && expression.charAt(i + 1) == '&'
                    || c == '|' && i + 1 < expression.length() && expression.charAt(i + 1) == '|') {
                tokens.add(expression.substring(i, i + 2));
                i += 2;
            } else if ("<>+-*/%!?:(),".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                return "holds '" + c + "', which no comparison of variables needs";
            }
        }
        Set<String> reached = new LinkedHashSet<>();
        for (int t = 0; t < tokens.size(); t++) {
            String token = tokens.get(t);
            if (!Character.isJavaIdentifierStart(token.charAt(0)) || JUEL_WORDS.contains(token)) {
                continue;
            }
            if (t + 1 < tokens.size() && tokens.get(t + 1).equals("(")) {
                return "calls a method; only ${workingDays.after(n)} and ${workingDays.afterFrom(n, variable)} are calls"
                        + " a procedure makes";
            }
            if (RESERVED_NAMES.contains(token) || context.beanNames().contains(token)) {
                reached.add(token);
            }
        }
        if (!reached.isEmpty()) {
            return "reaches the platform's own objects (" + String.join(", ", reached) + "), not a variable of the case";
        }
        return null;
    }

    /**
     * Reads the model as the engine will: the old Activiti namespace is Camunda's, and a namespace
     * the engine does not know has no place in a model.
     */
    private static void normalize(String resource, Document document, List<Problem> problems) {
        normalize(resource, document, document.getDocumentElement(), null, problems);
    }

    private static void normalize(String resource, Document document, Element element, Element named, List<Problem> problems) {
        if (!element.getAttribute("id").isEmpty()) {
            named = element;
        }
        if (ACTIVITI.equals(element.getNamespaceURI())) {
            element = (Element) document.renameNode(element, CAMUNDA, "camunda:" + localName(element));
        } else if (element.getNamespaceURI() != null && !KNOWN_NAMESPACES.contains(element.getNamespaceURI())) {
            problems.add(problem(resource, named, "element <" + element.getTagName() + "> of namespace "
                    + element.getNamespaceURI() + " is not accepted"));
        }
        NamedNodeMap attributes = element.getAttributes();
        List<org.w3c.dom.Attr> renamed = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            org.w3c.dom.Attr attribute = (org.w3c.dom.Attr) attributes.item(i);
            String namespace = attribute.getNamespaceURI();
            if (ACTIVITI.equals(namespace)) {
                renamed.add(attribute);
            } else if (namespace != null && !KNOWN_NAMESPACES.contains(namespace)) {
                problems.add(problem(resource, named, "attribute " + attribute.getName() + " of namespace " + namespace
                        + " is not accepted"));
            }
        }
        for (org.w3c.dom.Attr attribute : renamed) {
            document.renameNode(attribute, CAMUNDA, "camunda:" + attribute.getLocalName());
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                normalize(resource, document, e, named, problems);
            }
        }
    }

    /** An element's own character data as the engine's parser reads it: text and CDATA together, comments left out. */
    private static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    static String property(Element element, String name) {
        for (Element property : elements(element, CAMUNDA, "property")) {
            // only the element's own properties, not those of elements nested in it
            Node parent = property.getParentNode();
            Node owner = parent == null ? null : parent.getParentNode();
            owner = owner == null ? null : owner.getParentNode();
            if (owner == element && name.equals(property.getAttribute("name"))) {
                return property.getAttribute("value").strip();
            }
        }
        return null;
    }

    static List<Element> elements(Element root, String namespace, String local) {
        List<Element> found = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS(namespace, local);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Problem problem(String resource, Element named, String reason) {
        return new Problem(resource, named == null ? null : named.getAttribute("id"),
                named == null ? null : named.getAttribute("name"), reason);
    }

    private static String localName(Element element) {
        return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
    }

    /** A Camunda Form's id, the first {@code "id"} of its JSON. */
    static String formId(byte[] form) {
        Matcher id = FORM_ID.matcher(new String(form, StandardCharsets.UTF_8));
        return id.find() ? id.group(1) : null;
    }
}
