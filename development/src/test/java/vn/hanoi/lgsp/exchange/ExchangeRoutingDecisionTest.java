package vn.hanoi.lgsp.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * the {@code exchange-routing} decision table ({@code dmn/exchange-routing.dmn}, hit policy FIRST)
 * chooses how a record reaches its destination — directly inside Hanoi (level-1 code {@code H26}), through NDXP
 * for central bodies, other provinces and People's Councils, rejected otherwise — together with the default
 * result deadline and the delivery retry policy.
 *
 * <p>Runs on Camunda's standalone DMN engine; no Spring context, no servers. Which rule produced the result is
 * taken from the {@link DmnDecisionTableEvaluationEvent} of a post decision-table evaluation listener: under FIRST
 * its matching rules are the selected rule only, so the same table is also parsed with hit policy COLLECT to see
 * every rule the input matches and check that the selected one is the first of them.
 */
class ExchangeRoutingDecisionTest {

    private static final Path DMN_FILE = Path.of("dmn", "exchange-routing.dmn");
    private static final String DECISION_ID = "exchange-routing";
    private static final String DECISION_TABLE_ID = "exchange-routing-table";

    /** Procedure whose code starts with {@code 1.011442.}: short result deadline. */
    private static final String SHORT_DEADLINE_PROCEDURE = "1.011442.000.00.13.H26";
    /** Any other procedure. */
    private static final String ORDINARY_PROCEDURE = "1.004946.000.00.12.H26";

    private static final List<DmnDecisionTableEvaluationEvent> EVENTS =
            Collections.synchronizedList(new ArrayList<>());

    private static DmnEngine engine;
    /** The table as modelled (FIRST). */
    private static DmnDecision decision;
    /** The same table with hit policy COLLECT: every rule an input matches, in table order. */
    private static DmnDecision everyMatchingRule;

    record RoutingCase(String description, String destinationCode, String procedureCode, String ruleId,
                       String route, String subsystem, int deadlineHours, int maxAttempts,
                       int retryBackoffSeconds) {
        @Override
        public String toString() {
            return description + " (" + destinationCode + ", " + procedureCode + ") -> " + ruleId;
        }
    }

    record Evaluation(DmnDecisionTableResult result, List<String> selectedRuleIds, List<String> matchingRuleIds) {
    }

    static Stream<RoutingCase> routingCases() {
        return Stream.of(
                new RoutingCase("Hanoi department, short-deadline procedure", "000.00.12.H26",
                        SHORT_DEADLINE_PROCEDURE, "rule-hanoi-short-deadline", "LOCAL", "", 8, 5, 2),
                new RoutingCase("Hanoi department, other procedure", "000.00.12.H26",
                        ORDINARY_PROCEDURE, "rule-hanoi", "LOCAL", "", 72, 5, 2),
                new RoutingCase("central body (ministry)", "000.00.00.G22",
                        ORDINARY_PROCEDURE, "rule-central-body", "NDXP", "edoc", 120, 8, 5),
                new RoutingCase("other province", "000.00.00.H41",
                        ORDINARY_PROCEDURE, "rule-other-province", "NDXP", "lgsp", 120, 8, 5),
                new RoutingCase("Hanoi People's Council", "000.00.00.K26",
                        ORDINARY_PROCEDURE, "rule-hanoi", "LOCAL", "", 72, 5, 2),
                new RoutingCase("People's Council of another province", "000.00.00.K41",
                        ORDINARY_PROCEDURE, "rule-peoples-council", "NDXP", "edoc", 120, 8, 5),
                new RoutingCase("enterprise", "0101234567",
                        ORDINARY_PROCEDURE, "rule-unroutable", "UNROUTABLE", "", 1, 1, 1));
    }

    @BeforeAll
    static void parseDecisionTable() throws IOException {
        List<DmnDecisionTableEvaluationListener> listeners = List.of(EVENTS::add);
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
                .customPostDecisionTableEvaluationListeners(listeners)
                .buildEngine();
        try (InputStream in = Files.newInputStream(DMN_FILE)) {
            decision = engine.parseDecision(DECISION_ID, in);
        }
        DmnModelInstance collectCopy = Dmn.readModelFromFile(DMN_FILE.toFile());
        DecisionTable table = collectCopy.getModelElementById(DECISION_TABLE_ID);
        table.setHitPolicy(HitPolicy.COLLECT);
        everyMatchingRule = engine.parseDecision(DECISION_ID, collectCopy);
    }

    @BeforeEach
    void forgetEarlierEvaluations() {
        EVENTS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routingCases")
    void routesEachKindOfDestinationByItsOwnRule(RoutingCase routingCase) {
        Evaluation evaluation = evaluate(routingCase.destinationCode(), routingCase.procedureCode());

        assertThat(evaluation.selectedRuleIds()).containsExactly(routingCase.ruleId());
        assertThat(evaluation.matchingRuleIds())
                .as("rules matching %s in table order; FIRST must pick the first", routingCase)
                .first().isEqualTo(routingCase.ruleId());
        assertOutputs(evaluation.result(), routingCase.route(), routingCase.subsystem(),
                routingCase.deadlineHours(), routingCase.maxAttempts(), routingCase.retryBackoffSeconds());
    }

    @Test
    void routesHanoiDestinationsDirectly() {
        Evaluation ordinary = evaluate("000.00.12.H26", ORDINARY_PROCEDURE);
        assertThat(ordinary.selectedRuleIds()).containsExactly("rule-hanoi");
        assertOutputs(ordinary.result(), "LOCAL", "", 72, 5, 2);

        Evaluation shortDeadline = evaluate("000.00.12.H26", SHORT_DEADLINE_PROCEDURE);
        assertThat(shortDeadline.selectedRuleIds()).containsExactly("rule-hanoi-short-deadline");
        assertOutputs(shortDeadline.result(), "LOCAL", "", 8, 5, 2);
    }

    @Test
    void routesHanoiDepartmentAtLevelThreeDirectly() {
        Evaluation ordinary = evaluate("000.01.12.H26", ORDINARY_PROCEDURE);
        assertThat(ordinary.selectedRuleIds()).containsExactly("rule-hanoi");
        assertOutputs(ordinary.result(), "LOCAL", "", 72, 5, 2);

        Evaluation shortDeadline = evaluate("000.01.12.H26", SHORT_DEADLINE_PROCEDURE);
        assertThat(shortDeadline.selectedRuleIds()).containsExactly("rule-hanoi-short-deadline");
        assertOutputs(shortDeadline.result(), "LOCAL", "", 8, 5, 2);
    }

    @Test
    void routingCasesCoverEveryRuleOfTheTable() {
        List<String> tableRuleIds = ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
                .map(DmnDecisionTableRuleImpl::getId)
                .toList();
        Set<String> selectedRuleIds = routingCases()
                .map(routingCase -> evaluate(routingCase.destinationCode(), routingCase.procedureCode()))
                .flatMap(evaluation -> evaluation.selectedRuleIds().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));

        assertThat(tableRuleIds).hasSize(6).doesNotHaveDuplicates();
        assertThat(selectedRuleIds).containsExactlyElementsOf(tableRuleIds);
    }

    private static Evaluation evaluate(String destinationCode, String procedureCode) {
        var variables = Variables.createVariables()
                .putValue("destinationCode", destinationCode)
                .putValue("procedureCode", procedureCode);

        EVENTS.clear();
        DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
        List<String> selected = matchedRuleIdsOfOnlyEvent();

        engine.evaluateDecisionTable(everyMatchingRule, variables);
        List<String> matching = matchedRuleIdsOfOnlyEvent();

        return new Evaluation(result, selected, matching);
    }

    private static List<String> matchedRuleIdsOfOnlyEvent() {
        assertThat(EVENTS).hasSize(1);
        List<String> ruleIds = EVENTS.get(0).getMatchingRules().stream()
                .map(DmnEvaluatedDecisionRule::getId)
                .toList();
        EVENTS.clear();
        return ruleIds;
    }

    private static void assertOutputs(DmnDecisionTableResult result, String route, String subsystem,
                                      int deadlineHours, int maxAttempts, int retryBackoffSeconds) {
        assertThat(result.getResultList()).hasSize(1);
        DmnDecisionRuleResult entries = result.getSingleResult();
        assertThat((Object) entries.getEntry("route")).isEqualTo(route);
        assertThat((Object) entries.getEntry("subsystem")).isEqualTo(subsystem);
        assertThat((Object) entries.getEntry("deadlineHours")).isEqualTo(deadlineHours);
        assertThat((Object) entries.getEntry("maxAttempts")).isEqualTo(maxAttempts);
        assertThat((Object) entries.getEntry("retryBackoffSeconds")).isEqualTo(retryBackoffSeconds);
    }
}
