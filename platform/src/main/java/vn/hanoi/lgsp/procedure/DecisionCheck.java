package vn.hanoi.lgsp.procedure;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.hanoi.lgsp.procedure.ModelPolicy.Problem;

/**
 * One DMN file's walk: its decision tables are FEEL over variables, with no external function,
 * and their ids are collected for the business rule tasks that name them.
 */
final class DecisionCheck {

    private static final Set<String> FEEL = Set.of("feel", "http://www.omg.org/spec/feel/20140401",
            "https://www.omg.org/spec/dmn/20191111/feel/", "https://www.omg.org/spec/dmn/20230324/feel/");

    private final String resource;
    private final ExpressionCheck expressions;
    private final Set<String> decisionIds;
    private final List<Problem> problems;

    DecisionCheck(String resource, ExpressionCheck expressions, Set<String> decisionIds, List<Problem> problems) {
        this.resource = resource;
        this.expressions = expressions;
        this.decisionIds = decisionIds;
        this.problems = problems;
    }

    void walk(Document document) {
        walk(document.getDocumentElement(), null);
    }

    private void walk(Element element, Element named) {
        String local = ModelXml.localName(element);
        if (!element.getAttribute("id").isEmpty()) {
            named = element;
        }
        if ("decision".equals(local)) {
            decisionIds.add(element.getAttribute("id"));
        }
        for (String attribute : List.of("expressionLanguage", "typeLanguage")) {
            String language = element.getAttribute(attribute);
            if (!language.isEmpty() && !FEEL.contains(language.toLowerCase(Locale.ROOT))) {
                problems.add(Problem.at(resource, named, "expression language " + language
                        + " is not accepted in a decision table; use FEEL"));
            }
        }
        if (("text".equals(local)) && element.getTextContent() != null
                && element.getTextContent().replaceAll("\\s+", " ").contains("external {")) {
            problems.add(Problem.at(resource, named, "FEEL external functions run Java code and are not accepted"));
        }
        expressions.check(resource, named, ModelXml.ownText(element), problems);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walk(e, named);
            }
        }
    }
}
