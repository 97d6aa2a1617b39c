package vn.hanoi.lgsp.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * The engine that parses each FEEL text once answers as Camunda's own, evaluation after
 * evaluation: the routing table's expressions and tests, other values, and the failures.
 */
class ParsedOnceFeelEngineTest {

    final ParsedOnceFeelEngine once = new ParsedOnceFeelEngine();
    final ScalaFeelEngine camunda = new ScalaFeelEngine(Collections.emptyList());

    @Test
    void expressionsEvaluateAsTheEnginesOwnEachTime() {
        List<String> expressions = List.of("substring(destinationCode, string length(destinationCode) - 2)",
                "substring(destinationCode, string length(destinationCode) - 2, 1)", "starts with(procedureCode, \"1.011442.\")",
                "\"LOCAL\"", "72", "hours * 2 + 1", "date(\"2026-12-07\") + duration(\"P1D\")", "null");
        for (String destination : List.of("000.00.61.H26", "000.00.00.G06", "000.00.00.H29")) {
            VariableContext variables = Variables.createVariables().putValue("destinationCode", destination)
                    .putValue("procedureCode", "1.011442.000.00.13.H26").putValue("hours", 5).asVariableContext();
            for (String expression : expressions) {
                for (int round = 0; round < 2; round++) {
                    Object mine = once.evaluateSimpleExpression(expression, variables);
                    Object theirs = camunda.evaluateSimpleExpression(expression, variables);
                    assertThat(mine).as(expression + " for " + destination).isEqualTo(theirs);
                }
            }
        }
    }

    @Test
    void unaryTestsMatchAsTheEnginesOwnEachTime() {
        List<String> tests = List.of("\"H26\",\"K26\"", "\"G\"", "-", "true", "not(\"H\")", "> 3", "[1..5]");
        for (Object value : List.of("H26", "G", "K26", "H", true, false, 4, 9)) {
            VariableContext variables = Variables.createVariables().putValue("cell", value).asVariableContext();
            for (String test : tests) {
                for (int round = 0; round < 2; round++) {
                    boolean mine = safe(() -> once.evaluateSimpleUnaryTests(test, "cell", variables));
                    boolean theirs = safe(() -> camunda.evaluateSimpleUnaryTests(test, "cell", variables));
                    assertThat(mine).as(test + " on " + value).isEqualTo(theirs);
                }
            }
        }
    }

    @Test
    void aTextThatDoesNotParseFailsLikeTheEnginesOwnEveryTime() {
        VariableContext none = Variables.createVariables().asVariableContext();
        for (int round = 0; round < 2; round++) {
            assertThatThrownBy(() -> once.evaluateSimpleExpression("substring(", none)).isInstanceOf(FeelException.class);
            assertThatThrownBy(() -> camunda.evaluateSimpleExpression("substring(", none)).isInstanceOf(FeelException.class);
        }
    }

    private static boolean safe(java.util.function.BooleanSupplier test) {
        try {
            return test.getAsBoolean();
        } catch (FeelException e) {
            return false;
        }
    }
}
