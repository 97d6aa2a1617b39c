package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * A platform table's new version keeps the production version's inputs and outputs (the
 * platform's models read them) and gives what its test cases ({@code dmn/<id>.tests.json}) expect.
 */
@Component
class PlatformDecisionCheck {

    private final RepositoryService repository;
    private final DecisionService decisions;
    private final PlatformModels platform;
    private final ProductionVersions production;
    private final ObjectMapper json;

    PlatformDecisionCheck(RepositoryService repository, DecisionService decisions, PlatformModels platform,
                          ProductionVersions production, ObjectMapper json) {
        this.repository = repository;
        this.decisions = decisions;
        this.platform = platform;
        this.production = production;
        this.json = json;
    }

    /** The new version's problems, none when it may be approved; the check's line for the review form goes to {@code lines}. */
    List<String> check(DecisionDefinition decision, byte[] model, List<String> lines) {
        List<String> problems = new ArrayList<>();
        int productionVersion = production.decision(decision.getKey());
        DecisionDefinition running = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision.getKey())
                .decisionDefinitionVersion(productionVersion).singleResult();
        if (running != null && model != null) {
            try (InputStream in = repository.getDecisionModel(running.getId())) {
                TableShape before = TableShape.of(in.readAllBytes(), decision.getKey());
                TableShape after = TableShape.of(model, decision.getKey());
                if (!before.outputs().equals(after.outputs())) {
                    problems.add("đầu ra phải giữ nguyên " + before.outputs() + " (phiên bản mới: " + after.outputs() + ")");
                }
                if (!before.inputs().equals(after.inputs())) {
                    problems.add("đầu vào phải giữ nguyên " + before.inputs() + " (phiên bản mới: " + after.inputs() + ")");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        int ran = runTestCases(decision, problems);
        lines.add("  Kiểm tra bảng " + decision.getKey() + ": " + ran + " ca kiểm thử, "
                + (problems.isEmpty() ? "đạt" : problems.size() + " lỗi: " + String.join("; ", problems)));
        return problems;
    }

    /** Evaluates the new version on the table's test cases, adding a problem for each that fails; how many ran. */
    private int runTestCases(DecisionDefinition decision, List<String> problems) {
        Optional<byte[]> tests = platform.decisionTests(decision.getKey());
        int ran = 0;
        if (tests.isEmpty()) {
            return ran;
        }
        try {
            for (JsonNode testCase : json.readTree(tests.get()).path("cases")) {
                ran++;
                Map<String, Object> variables = json.convertValue(testCase.path("variables"), Map.class);
                String name = testCase.path("name").asText();
                DmnDecisionResult result;
                try {
                    result = decisions.evaluateDecisionById(decision.getId()).variables(variables).evaluate();
                } catch (RuntimeException e) {
                    problems.add("ca kiểm thử \"" + name + "\": lỗi khi tính (" + e.getMessage() + ")");
                    continue;
                }
                if (result.size() != 1) {
                    problems.add("ca kiểm thử \"" + name + "\": cần đúng một kết quả, có " + result.size());
                    continue;
                }
                Map<String, Object> outputs = result.getSingleResult().getEntryMap();
                testCase.path("expected").fields().forEachRemaining(expected -> {
                    Object actual = outputs.get(expected.getKey());
                    if (actual == null || !expected.getValue().asText().equals(String.valueOf(actual))) {
                        problems.add("ca kiểm thử \"" + name + "\": " + expected.getKey() + " cần "
                                + expected.getValue().asText() + ", bảng mới cho " + actual);
                    }
                });
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable test cases of " + decision.getKey(), e);
        }
        return ran;
    }

    /** The inputs (their expressions) and outputs (their names) of a table. */
    private record TableShape(List<String> inputs, List<String> outputs) {
        static TableShape of(byte[] dmn, String decisionId) {
            Document document = SafeXml.parse(dmn);
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            var all = document.getDocumentElement().getElementsByTagNameNS("*", "decision");
            for (int i = 0; i < all.getLength(); i++) {
                Element decision = (Element) all.item(i);
                if (!decisionId.equals(decision.getAttribute("id"))) {
                    continue;
                }
                var in = decision.getElementsByTagNameNS("*", "inputExpression");
                for (int j = 0; j < in.getLength(); j++) {
                    inputs.add(in.item(j).getTextContent().strip());
                }
                var out = decision.getElementsByTagNameNS("*", "output");
                for (int j = 0; j < out.getLength(); j++) {
                    outputs.add(((Element) out.item(j)).getAttribute("name"));
                }
            }
            return new TableShape(inputs, outputs);
        }
    }
}
