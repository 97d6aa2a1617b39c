package vn.hanoi.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * A model is part of one module, and its expressions call only that module's beans — its steps
 * bean, which delegates to other modules' public APIs — so that a dependency between modules is
 * always one the Java shows and the module declarations allow.
 */
class BpmnBeanOwnershipTest {

    private static final Path MODELS = Path.of("processes");

    /** Model (path under {@code processes/}) → the module that owns it. */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("agency-closure.bpmn", "lifecycle"),
            Map.entry("blocks/lgsp-block-lookup.bpmn", "procedure"),
            Map.entry("blocks/lgsp-block-notify.bpmn", "procedure"),
            Map.entry("blocks/lgsp-block-postal-return.bpmn", "procedure"),
            Map.entry("blocks/lgsp-block-send-record.bpmn", "procedure"),
            Map.entry("connection-cancellation.bpmn", "onboarding"),
            Map.entry("consumer-offboarding.bpmn", "lifecycle"),
            Map.entry("data-use-report.bpmn", "privacy"),
            Map.entry("incident-escalation.bpmn", "connection"),
            Map.entry("lgsp-incident.bpmn", "watch"),
            Map.entry("model-release.bpmn", "procedure"),
            Map.entry("monthly-reconciliation.bpmn", "reconciliation"),
            Map.entry("periodic-report.bpmn", "reports"),
            Map.entry("postal-return.bpmn", "postal"),
            Map.entry("record-exchange.bpmn", "exchange"),
            Map.entry("service-onboarding.bpmn", "onboarding"),
            Map.entry("service-retirement.bpmn", "lifecycle"),
            Map.entry("security-report.bpmn", "watch"),
            Map.entry("service-version-upgrade.bpmn", "lifecycle"),
            Map.entry("system-change.bpmn", "agency"));

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    /** An identifier that starts a name or member access, not one after a dot. */
    private static final Pattern ROOT = Pattern.compile("(?<![\\w.])([A-Za-z_][A-Za-z0-9_]*)");

    record Call(String model, String modelOwner, String bean, String beanOwner) {
        @Override
        public String toString() {
            return model + " (" + modelOwner + ") calls bean " + bean + " of module " + beanOwner;
        }
    }

    @Test
    void everyModelHasAnOwningModule() throws IOException {
        assertThat(models().keySet()).containsExactlyInAnyOrderElementsOf(OWNER.keySet());
    }

    @Test
    void modelsCallOnlyTheirOwnModulesBeans() throws IOException {
        Map<String, String> beans = beanModules();
        assertThat(beans).as("beans found").containsEntry("exchangeLifecycle", "exchange");
        List<Call> foreign = new ArrayList<>();
        for (Map.Entry<String, String> model : models().entrySet()) {
            String owner = OWNER.get(model.getKey());
            for (String bean : beansCalled(model.getValue(), beans)) {
                if (owner != null && !owner.equals(beans.get(bean))) {
                    foreign.add(new Call(model.getKey(), owner, bean, beans.get(bean)));
                }
            }
        }
        assertThat(foreign).as("calls from a model to another module's bean; call the owner's steps bean instead")
                .isEmpty();
    }

    @Test
    void findsABeanOfAnotherModuleInAnExpression() {
        String model = """
                <bpmn:serviceTask camunda:expression="${exchangeLifecycle.routed(execution)}"/>
                <bpmn:businessRuleTask camunda:decisionRefVersion="${modelReleases.productionVersion('exchangeLifecycle')}"/>
                <bpmn:serviceTask camunda:delegateExpression="${incidentSteps}"/>
                <bpmn:conditionExpression>${route == &#x27;LOCAL&#x27; &amp;&amp; outcome.approved}</bpmn:conditionExpression>
                """;
        Map<String, String> beans = Map.of("exchangeLifecycle", "exchange", "modelReleases", "procedure",
                "incidentSteps", "connection", "approved", "somewhere");
        assertThat(beansCalled(model, beans)).containsExactly("exchangeLifecycle", "incidentSteps", "modelReleases");
    }

    static TreeSet<String> beansCalled(String model, Map<String, String> beans) {
        String text = model.replace("&#x27;", "'").replace("&#39;", "'").replace("&apos;", "'").replace("&quot;", "\"")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        TreeSet<String> called = new TreeSet<>();
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            Matcher root = ROOT.matcher(QUOTED.matcher(expression.group(1)).replaceAll("''"));
            while (root.find()) {
                if (beans.containsKey(root.group(1))) {
                    called.add(root.group(1));
                }
            }
        }
        return called;
    }

    private static Map<String, String> models() throws IOException {
        Map<String, String> models = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MODELS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                models.put(MODELS.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return models;
    }

    /** Every bean the application's classes declare, by name, with the module it is in. */
    static Map<String, String> beanModules() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        AnnotationBeanNameGenerator names = AnnotationBeanNameGenerator.INSTANCE;
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        Map<String, String> beans = new TreeMap<>();
        String root = LgspApplication.class.getPackageName() + ".";
        for (BeanDefinition definition : scanner.findCandidateComponents(LgspApplication.class.getPackageName())) {
            String type = definition.getBeanClassName();
            String module = type.substring(root.length()).split("\\.")[0];
            beans.put(names.generateBeanName(definition, registry), module);
            if (definition instanceof AnnotatedBeanDefinition) {
                try {
                    for (Method method : Class.forName(type).getDeclaredMethods()) {
                        Bean bean = method.getAnnotation(Bean.class);
                        if (bean != null) {
                            List<String> declared = List.of(bean.name());
                            for (String name : declared.isEmpty() ? List.of(method.getName()) : declared) {
                                beans.put(name, module);
                            }
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot read " + type, e);
                }
            }
        }
        return beans;
    }
}
