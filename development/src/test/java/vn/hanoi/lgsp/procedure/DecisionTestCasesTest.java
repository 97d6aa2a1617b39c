package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test cases kept next to the platform's decision tables ({@code dmn/<id>.tests.json}) hold for
 * the tables as shipped: the cases an analyst's new version must pass before it can be approved
 * are themselves right.
 */
class DecisionTestCasesTest {

    private static final DmnEngine ENGINE = ((DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration
            .createDefaultDmnEngineConfiguration()).buildEngine();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"exchange-routing", "onboarding-review", "incident-severity"})
    void theShippedTablePassesItsOwnTestCases(String decisionId) throws IOException {
        DmnDecision decision;
        try (InputStream in = Files.newInputStream(Path.of("dmn", decisionId + ".dmn"))) {
            decision = ENGINE.parseDecision(decisionId, in);
        }
        JsonNode cases = JSON.readTree(Path.of("dmn", decisionId + ".tests.json").toFile()).path("cases");
        assertThat(cases.size()).isGreaterThanOrEqualTo(5);
        for (JsonNode testCase : cases) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = JSON.convertValue(testCase.path("variables"), Map.class);
            DmnDecisionResult result = ENGINE.evaluateDecision(decision, variables);
            assertThat(result).as(testCase.path("name").asText()).hasSize(1);
            Map<String, Object> outputs = result.getSingleResult().getEntryMap();
            testCase.path("expected").fields().forEachRemaining(expected -> assertThat(String.valueOf(outputs.get(expected.getKey())))
                    .as(testCase.path("name").asText() + ": " + expected.getKey()).isEqualTo(expected.getValue().asText()));
        }
    }
}
