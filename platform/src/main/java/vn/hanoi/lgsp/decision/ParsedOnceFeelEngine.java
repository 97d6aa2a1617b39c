package vn.hanoi.lgsp.decision;

import camundajar.impl.scala.util.Either;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelLogger;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine, except that an expression's text is parsed once and its parsed form
 * kept: the engine itself parses every input, unary test and output entry on every evaluation,
 * which made FEEL a third of the platform's CPU per record exchange (the routing table, bench/run).
 * Evaluation, its variables and its failures are the engine's own; a text that does not parse
 * is not kept and fails as before.
 */
final class ParsedOnceFeelEngine extends ScalaFeelEngine {

    /** The engine looks the tested value up under this name, which in turn names the input variable. */
    private static final String INPUT_VARIABLE_NAME = "inputVariableName";

    private final Cache<String, ParsedExpression> expressions = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, ParsedExpression> unaryTests = Caffeine.newBuilder().maximumSize(10_000).build();

    ParsedOnceFeelEngine() {
        this(Collections.emptyList());
    }

    ParsedOnceFeelEngine(java.util.List<org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider> functions) {
        super(functions == null ? Collections.emptyList() : functions);
    }

    /** For the DMN engine's configuration, with the engine's custom FEEL functions if any. */
    static FeelEngineFactory factory(
            java.util.List<org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider> functions) {
        ParsedOnceFeelEngine engine = new ParsedOnceFeelEngine(functions);
        return () -> engine;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
        return (T) value(feelEngine.eval(parsed, new VariablesContext(new ContextVariableWrapper(variables))));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
        VariableProvider input = new VariableProvider.StaticVariableProvider(
                scalaMap(Map.of(INPUT_VARIABLE_NAME, inputVariable)));
        VariableProvider both = new VariableProvider.CompositeVariableProvider(
                toScalaList(input, new ContextVariableWrapper(variables)));
        Object result = value(feelEngine.eval(parsed, new VariablesContext(both)));
        // as the engine's own: no result is false, anything but a boolean is an error
        return result != null && (Boolean) result;
    }

    private static ParsedExpression parsed(Cache<String, ParsedExpression> cache, String text,
                                           Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parse) {
        ParsedExpression known = cache.getIfPresent(text);
        if (known != null) {
            return known;
        }
        ParsedExpression parsed = (ParsedExpression) value(parse.apply(text));
        cache.put(text, parsed);
        return parsed;
    }

    private static Object value(Either<org.camunda.feel.FeelEngine.Failure, ?> outcome) {
        if (outcome.isLeft()) {
            throw ScalaFeelLogger.LOGGER.evaluationException(outcome.left().get().message());
        }
        return outcome.right().get();
    }

    private static camundajar.impl.scala.collection.immutable.Map<String, Object> scalaMap(Map<String, Object> map) {
        return camundajar.impl.scala.collection.immutable.Map$.MODULE$.from(
                camundajar.impl.scala.jdk.CollectionConverters.MapHasAsScala(map).asScala());
    }

    /** A FEEL context whose variables come from the given provider (functions: the engine's built-ins). */
    private static final class VariablesContext extends CustomContext {
        private final VariableProvider variables;

        VariablesContext(VariableProvider variables) {
            this.variables = variables;
        }

        @Override
        public VariableProvider variableProvider() {
            return variables;
        }
    }
}
