package vn.hanoi.lgsp.onboarding;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** every rule of {@code onboarding-review} — who reviews, and when DOST leaders approve too. */
class OnboardingReviewDecisionTest {

    private static final List<String> SELECTED = new ArrayList<>();
    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        List<DmnDecisionTableEvaluationListener> listeners = List.of(OnboardingReviewDecisionTest::record);
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
                .customPostDecisionTableEvaluationListeners(listeners).buildEngine();
        try (InputStream in = Files.newInputStream(Path.of("dmn", "onboarding-review.dmn"))) {
            decision = engine.parseDecision(OnboardingProcess.REVIEW_DECISION, in);
        }
    }

    private static void record(DmnDecisionTableEvaluationEvent event) {
        event.getMatchingRules().forEach(rule -> SELECTED.add(rule.getId()));
    }

    @ParameterizedTest(name = "{0} {1} level {2} -> {3}")
    @CsvSource({
            "PROVIDER, CONFIDENTIAL, 0, rule-confidential, true",
            "CONSUMER, CONFIDENTIAL, 4, rule-confidential, true",
            "CONSUMER, PERSONAL_DATA, 2, rule-personal-data-low-level, true",
            "CONSUMER, PERSONAL_DATA, 0, rule-personal-data-low-level, true",
            "CONSUMER, PERSONAL_DATA, 3, rule-personal-data, false",
            "PROVIDER, PERSONAL_DATA, 0, rule-personal-data, false",
            "CONSUMER, PUBLIC, 0, rule-default, false",
            "PROVIDER, INTERNAL, 1, rule-default, false",
    })
    void choosesReviewersAndLeaderApproval(String type, String classification, int level, String rule, boolean leader) {
        SELECTED.clear();
        DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, Variables.createVariables()
                .putValue("requestType", type).putValue("dataClassification", classification).putValue("securityLevel", level));

        assertThat(SELECTED).containsExactly(rule);
        assertThat(result.getSingleResult().<String>getEntry("reviewerGroup")).isEqualTo("dost-reviewers");
        assertThat(result.getSingleResult().<Boolean>getEntry("leaderApproval")).isEqualTo(leader);
        assertThat(result.getSingleResult().<String>getEntry("reviewReason")).isNotBlank();
    }

    @Test
    void everyRuleIsCoveredByACase() {
        List<String> rules = ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
                .map(DmnDecisionTableRuleImpl::getId).toList();
        SELECTED.clear();
        for (Object[] c : new Object[][] {{"PROVIDER", "CONFIDENTIAL", 0}, {"CONSUMER", "PERSONAL_DATA", 2},
                {"CONSUMER", "PERSONAL_DATA", 3}, {"CONSUMER", "PUBLIC", 0}}) {
            engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("requestType", c[0])
                    .putValue("dataClassification", c[1]).putValue("securityLevel", c[2]));
        }
        assertThat(SELECTED).containsExactlyElementsOf(rules);
    }
}
