package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
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
 * the engine REST guard runs it first to answer with the {@code 01} envelope. The checks are
 * {@link ModelNamespaces}, {@link BpmnCheck} with {@link BlockCallCheck}, {@link DecisionCheck}
 * and, for every expression, {@link ExpressionCheck}.
 */
public final class ModelPolicy {

    /** One thing refused, named so that Modeler can find it. */
    public record Problem(String resource, String elementId, String elementName, String reason) {

        /** A problem named by the nearest element with an id (none: the resource as a whole). */
        static Problem at(String resource, Element named, String reason) {
            return new Problem(resource, named == null ? null : named.getAttribute("id"),
                    named == null ? null : named.getAttribute("name"), reason);
        }

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
    private final ExpressionCheck expressions;
    private final ObjectMapper json = new ObjectMapper();

    public ModelPolicy(Context context) {
        this.context = context;
        this.expressions = new ExpressionCheck(context.beanNames());
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
                ModelNamespaces.normalize(name, document, problems);
                (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml") ? dmn : bpmn).put(name, document);
            } else {
                problems.add(new Problem(name, null, null, "only BPMN, DMN and Camunda Form files are deployed here"));
            }
        }
        Set<String> decisionIds = new HashSet<>();
        dmn.forEach((name, document) -> new DecisionCheck(name, expressions, decisionIds, problems).walk(document));
        Set<String> processIds = new HashSet<>();
        bpmn.values().forEach(document -> ModelXml.elements(document.getDocumentElement(), ModelXml.BPMN, "process")
                .forEach(p -> processIds.add(p.getAttribute("id"))));
        bpmn.forEach((name, document) -> new BpmnCheck(name, context, expressions, formIds, decisionIds, processIds,
                problems).walk(document.getDocumentElement(), null));
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

    /** Why an expression is refused, or null when it only reads variables. */
    String refusal(String expression) {
        return expressions.refusal(expression);
    }
}
