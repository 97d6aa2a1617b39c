package vn.hanoi.lgsp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** every rule of {@code incident-severity}. */
class IncidentSeverityDecisionTest {

    private static final List<String> SELECTED = new ArrayList<>();
    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        List<DmnDecisionTableEvaluationListener> listeners = List.of(IncidentSeverityDecisionTest::record);
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
                .customPostDecisionTableEvaluationListeners(listeners).buildEngine();
        try (InputStream in = Files.newInputStream(Path.of("dmn", "incident-severity.dmn"))) {
            decision = engine.parseDecision(IncidentProcess.SEVERITY_DECISION, in);
        }
    }

    private static void record(DmnDecisionTableEvaluationEvent event) {
        event.getMatchingRules().forEach(rule -> SELECTED.add(rule.getId()));
    }

    @ParameterizedTest(name = "{0}, {1} consumers, sensitive {2}, {3} min -> {4}")
    @CsvSource({
            "DOWN, 3, true, 0, rule-critical, CRITICAL, true, true",
            "DEGRADED, 5, true, 10, rule-critical, CRITICAL, true, true",
            "DOWN, 3, false, 0, rule-wide, HIGH, true, true",
            "EXCHANGE_FAILURE, 4, false, 0, rule-wide, HIGH, true, true",
            "SLOW, 5, true, 90, rule-long, HIGH, true, true",
            "STAFF, 0, false, 60, rule-long, HIGH, true, true",
            "DOWN, 1, false, 0, rule-down-with-consumers, MEDIUM, false, true",
            "DEGRADED, 2, true, 5, rule-down-with-consumers, MEDIUM, false, true",
            "DOWN, 0, false, 0, rule-low, LOW, false, false",
            "SLOW, 4, true, 10, rule-low, LOW, false, false",
            // Đ7.4: a clock off leaves the system answering; its owner and DOST are told, however wide or long
            "CLOCK_SKEW, 0, false, 0, rule-clock-skew, LOW, false, false",
            "CLOCK_SKEW, 5, true, 90, rule-clock-skew, LOW, false, false",
    })
    void gradesTheIncidentAndChoosesWhoIsTold(String kind, int consumers, boolean sensitive, int minutes, String rule,
                                              String severity, boolean supervisors, boolean consumersTold) {
        SELECTED.clear();
        DmnDecisionTableResult result = evaluate(kind, consumers, sensitive, minutes);

        assertThat(SELECTED).containsExactly(rule);
        assertThat(result.getSingleResult().<String>getEntry("severity")).isEqualTo(severity);
        assertThat(result.getSingleResult().<Boolean>getEntry("notifySupervisors")).isEqualTo(supervisors);
        assertThat(result.getSingleResult().<Boolean>getEntry("notifyConsumers")).isEqualTo(consumersTold);
    }

    @Test
    void everyRuleIsCovered() {
        List<String> rules = ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
                .map(DmnDecisionTableRuleImpl::getId).toList();
        SELECTED.clear();
        evaluate("CLOCK_SKEW", 0, false, 0);
        evaluate("DOWN", 3, true, 0);
        evaluate("DOWN", 3, false, 0);
        evaluate("SLOW", 0, false, 60);
        evaluate("DOWN", 1, false, 0);
        evaluate("SLOW", 0, false, 0);
        assertThat(SELECTED).containsExactlyElementsOf(rules);
    }

    private static DmnDecisionTableResult evaluate(String kind, int consumers, boolean sensitive, int minutes) {
        return engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("kind", kind)
                .putValue("consumers", consumers).putValue("sensitiveData", sensitive).putValue("durationMinutes", minutes));
    }
}
