package vn.hanoi.lgsp.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lifecycle models against their contract classes (style: one contract per process): every
 * expression in a model names a variable of the contract or a public method of the model's steps
 * bean; every form exists and asks only for variables of the contract; candidate groups are
 * staff groups; the models' timers are the contract's reminders. An analyst's edit in Modeler
 * that breaks one of these fails here, not in production.
 */
class LifecycleModelsTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w'])([A-Za-z_]\\w*)(?![\\w'])");
    private static final Set<String> JUEL = Set.of("execution", "task", "true", "false", "null", "empty", "not", "and",
            "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "currentUser");
    private static final Set<String> STAFF_GROUPS = Set.of("dost-operators", "dost-reviewers", "dost-leaders");

    record Contract(Class<?> variables, String stepsBean, Class<?> steps) {
    }

    private static final Map<String, Contract> CONTRACTS = Map.of(
            RetirementProcess.PROCESS_KEY, new Contract(RetirementProcess.Variables.class, "retirementSteps",
                    RetirementSteps.class),
            UpgradeProcess.PROCESS_KEY, new Contract(UpgradeProcess.Variables.class, "upgradeSteps", UpgradeSteps.class),
            OffboardingProcess.PROCESS_KEY, new Contract(OffboardingProcess.Variables.class, "offboardingSteps",
                    OffboardingSteps.class),
            ClosureProcess.PROCESS_KEY, new Contract(ClosureProcess.Variables.class, "closureSteps", ClosureSteps.class),
            vn.hanoi.lgsp.reconciliation.ReconciliationProcess.PROCESS_KEY, new Contract(
                    vn.hanoi.lgsp.reconciliation.ReconciliationProcess.Variables.class, "reconciliationSteps",
                    vn.hanoi.lgsp.reconciliation.ReconciliationSteps.class),
            vn.hanoi.lgsp.reports.PeriodicReportProcess.PROCESS_KEY, new Contract(
                    vn.hanoi.lgsp.reports.PeriodicReportProcess.Variables.class, "reportSteps",
                    vn.hanoi.lgsp.reports.PeriodicReportSteps.class),
            vn.hanoi.lgsp.workercontract.PostalProcess.PROCESS_KEY, new Contract(
                    vn.hanoi.lgsp.workercontract.PostalProcess.Variables.class, "postalSteps",
                    vn.hanoi.lgsp.postal.PostalSteps.class));

    @ParameterizedTest
    @ValueSource(strings = {"service-retirement", "service-version-upgrade", "consumer-offboarding", "agency-closure",
            "monthly-reconciliation", "periodic-report", "postal-return"})
    void everyExpressionAndFormFieldIsInTheContract(String key) throws IOException {
        Contract contract = CONTRACTS.get(key);
        BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes", key + ".bpmn").toFile());
        assertThat((Object) model.getModelElementById(key)).as("process id").isNotNull();
        Set<String> variables = constants(contract.variables());
        Set<String> methods = new HashSet<>();
        Arrays.stream(contract.steps().getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).forEach(methods::add);

        List<String> problems = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        walk(model.getDocument().getRootElement(), element -> {
            for (String attribute : List.of("expression", "dueDate", "candidateGroups", "candidateUsers", "formRef")) {
                String value = element.getAttribute("http://camunda.org/schema/1.0/bpmn", attribute);
                if (value == null) {
                    continue;
                }
                if (attribute.equals("formRef")) {
                    forms.add(value);
                } else if (attribute.equals("candidateGroups") && !value.contains("${")) {
                    Arrays.stream(value.split(",")).map(String::trim).filter(g -> !STAFF_GROUPS.contains(g))
                            .forEach(g -> problems.add("unknown staff group " + g));
                } else {
                    check(value, contract, variables, methods, problems);
                }
            }
            String text = element.getTextContent();
            if (element.getChildElements().isEmpty() && text != null && text.contains("${")) {
                check(text, contract, variables, methods, problems);
            }
        });
        assertThat(problems).as("expressions of " + key).isEmpty();
        assertThat(forms).as("user tasks with forms").isNotEmpty();

        ObjectMapper json = new ObjectMapper();
        for (String form : forms) {
            Path file = Path.of("processes", "forms", form + ".form");
            assertThat(file).as("form " + form).exists();
            JsonNode document = json.readTree(Files.readString(file));
            assertThat(document.path("id").asText()).isEqualTo(form);
            for (JsonNode component : document.path("components")) {
                String field = component.path("key").asText(null);
                if (field != null) {
                    assertThat(variables).as("field " + field + " of form " + form).contains(field);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"service-retirement", "service-version-upgrade"})
    void theModelsRemindersAreTheContracts(String key) {
        BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes", key + ".bpmn").toFile());
        List<Integer> reminders = key.equals(RetirementProcess.PROCESS_KEY) ? RetirementProcess.REMINDER_DAYS
                : UpgradeProcess.REMINDER_DAYS;
        for (int days : reminders) {
            assertThat((Object) model.getModelElementById("Timer_Reminder" + days)).as("timer for " + days + " days").isNotNull();
        }
    }

    private static void check(String text, Contract contract, Set<String> variables, Set<String> methods,
                              List<String> problems) {
        Matcher expressions = EXPRESSION.matcher(text);
        while (expressions.find()) {
            String body = expressions.group(1).replaceAll("'[^']*'", "''");
            Matcher call = Pattern.compile("^" + contract.stepsBean() + "\\.(\\w+)\\(").matcher(body.trim());
            if (call.find()) {
                if (!methods.contains(call.group(1))) {
                    problems.add(contract.stepsBean() + " has no public method " + call.group(1));
                }
                continue;
            }
            Matcher names = IDENTIFIER.matcher(body);
            while (names.find()) {
                String name = names.group(1);
                if (!JUEL.contains(name) && !variables.contains(name)) {
                    problems.add("${" + expressions.group(1) + "} uses " + name + ", which is not in "
                            + contract.variables().getName());
                }
            }
        }
    }

    private static Set<String> constants(Class<?> type) {
        Set<String> values = new HashSet<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    private static void walk(DomElement element, java.util.function.Consumer<DomElement> visit) {
        visit.accept(element);
        element.getChildElements().forEach(child -> walk(child, visit));
    }
}
