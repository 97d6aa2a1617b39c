package vn.hanoi.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.connection.IncidentProcess;
import vn.hanoi.lgsp.onboarding.OnboardingProcess;
import vn.hanoi.lgsp.reconciliation.ReconciliationProcess;
import vn.hanoi.lgsp.privacy.DataUseReportProcess;
import vn.hanoi.lgsp.watch.LgspIncidentProcess;
import vn.hanoi.lgsp.watch.SecurityReportProcess;
import vn.hanoi.lgsp.reports.PeriodicReportProcess;
import vn.hanoi.lgsp.workercontract.NdxpRecords;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess;
import vn.hanoi.lgsp.workercontract.ServedTopics;

/**
 * Every model file of the platform against its contract, read from the files an analyst edits in
 * Modeler, without a server: the BPMN models ({@code processes/**}, {@code procedures/**}), the
 * Camunda Forms they name, the DMN tables ({@code dmn/}, and a procedure's own) and the worker
 * element templates ({@code modeler/*.json}; the building blocks' templates are
 * {@code BlockTemplatesTest}'s). A model, table or template that names a topic no worker serves,
 * a form that is not deployed with it, an input its process does not pass, an output nobody
 * produces, or an error its catcher does not know fails here, not in production.
 *
 * <p>Each check returns the problems it finds, so that {@link #findsAMistakePlantedInAModel}
 * can show that it sees one.
 */
class ModelContractTest {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = PROCESSES.resolve("forms");
    private static final Path DMN = Path.of("dmn");
    private static final Path PROCEDURES = Path.of("procedures");
    private static final Path MODELER = Path.of("modeler");
    private static final Path WORKER_RUNTIME = Path.of("platform/src/main/java/vn/hanoi/lgsp/workers/WorkerRuntime.java");
    private static final String WORKER_TEMPLATE_PREFIX = "vn.hanoi.lgsp.worker.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The classes whose constants name a process's messages and errors. */
    private static final Map<String, List<Class<?>>> CONTRACTS = Map.of(
            RecordExchangeProcess.PROCESS_KEY, List.of(RecordExchangeProcess.class, PostalProcess.class, NdxpRecords.class),
            PostalProcess.PROCESS_KEY, List.of(PostalProcess.class),
            OnboardingProcess.PROCESS_KEY, List.of(OnboardingProcess.class),
            IncidentProcess.PROCESS_KEY, List.of(IncidentProcess.class),
            ReconciliationProcess.PROCESS_KEY, List.of(ReconciliationProcess.class),
            PeriodicReportProcess.PROCESS_KEY, List.of(PeriodicReportProcess.class),
            DataUseReportProcess.PROCESS_KEY, List.of(DataUseReportProcess.class),
            LgspIncidentProcess.PROCESS_KEY, List.of(LgspIncidentProcess.class),
            SecurityReportProcess.PROCESS_KEY, List.of(SecurityReportProcess.class));

    /** Who reads the variables the external-task workers read and write: the worker contracts. */
    private static final List<Class<?>> WORKER_CONTRACTS = List.of(RecordExchangeProcess.class, PostalProcess.class,
            NdxpRecords.class);

    /**
     * What each platform decision's process passes it: the contract's variables, and the variables
     * the Java that starts the process puts by name (the incident process has no variables class).
     */
    record DecisionCall(String processKey, Class<?> variables, Path starter) {
    }

    private static final Map<String, DecisionCall> DECISIONS = Map.of(
            RecordExchangeProcess.ROUTING_DECISION, new DecisionCall(RecordExchangeProcess.PROCESS_KEY,
                    RecordExchangeProcess.Variables.class, null),
            OnboardingProcess.REVIEW_DECISION, new DecisionCall(OnboardingProcess.PROCESS_KEY,
                    OnboardingProcess.Variables.class, null),
            IncidentProcess.SEVERITY_DECISION, new DecisionCall(IncidentProcess.PROCESS_KEY, null,
                    Path.of("platform/src/main/java/vn/hanoi/lgsp/connection/IncidentEscalation.java")),
            LgspIncidentProcess.SEVERITY_DECISION, new DecisionCall(LgspIncidentProcess.PROCESS_KEY,
                    LgspIncidentProcess.Variables.class, null));

    /** Names in a FEEL input expression that are FEEL's own, not variables. */
    private static final Set<String> FEEL = Set.of("substring", "string", "length", "starts", "ends", "with", "contains",
            "upper", "lower", "case", "matches", "replace", "split", "number", "date", "time", "and", "or", "not", "true",
            "false", "null", "if", "then", "else", "in", "between", "instance", "of", "some", "every", "satisfies",
            "for", "return", "count", "sum", "min", "max", "abs", "floor", "ceiling", "decimal", "duration", "list");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w\"])([A-Za-z_]\\w*)(?![\\w\"])");
    private static final Pattern SUBSCRIPTION = Pattern.compile("subscribe\\(created, ([\\w.]+), new (\\w+)\\(");
    /** Java taking a decision's result out of the execution. */
    private static final Pattern TAKEN = Pattern.compile(
            "Map<String, Object> (\\w+) = \\(Map<String, Object>\\) execution\\.getVariable\\(([\\w.\"]+)\\)");
    private static final DmnEngine DMN_ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    /** One deployment: its models, forms and decisions, which may refer to each other only. */
    record Deployment(Path folder, Map<String, BpmnModelInstance> models, Map<String, JsonNode> forms,
                      Map<String, DmnDecision> decisions, Map<String, Path> decisionFiles) {
    }

    private static List<Deployment> deployments;
    private static Map<String, String> subscribedHandlers;
    private static List<String> mainSources;

    @BeforeAll
    static void readEverything() throws IOException {
        deployments = new ArrayList<>();
        List<Path> platformModels = files(PROCESSES, ".bpmn");
        deployments.add(deployment(PROCESSES, platformModels, files(FORMS, ".form"), files(DMN, ".dmn")));
        try (Stream<Path> folders = Files.walk(PROCEDURES)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                List<Path> models = list(folder, ".bpmn");
                if (!models.isEmpty()) {
                    deployments.add(deployment(folder, models, list(folder, ".form"), list(folder, ".dmn")));
                }
            }
        }
        subscribedHandlers = subscriptions();
        mainSources = files(Path.of("platform/src/main/java"), ".java").stream().map(ModelContractTest::read).toList();
    }

    @Test
    void everyModelFileParses() {
        assertThat(deployments.get(0).models()).as("platform models").hasSizeGreaterThanOrEqualTo(15);
        assertThat(deployments).as("procedure deployments").hasSizeGreaterThan(1);
        deployments.forEach(d -> d.models().forEach((file, model) -> {
            Bpmn.validateModel(model);
            assertThat(model.getModelElementsByType(Process.class)).as(file).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.isExecutable()).as(file + " executable").isTrue());
        }));
    }

    @Test
    void everyExternalTaskTopicIsServedByAWorkerWithATemplate() throws IOException {
        Map<String, List<String>> used = new TreeMap<>();
        deployments.forEach(d -> d.models().forEach((file, model) ->
                topics(model).forEach((id, topic) -> used.computeIfAbsent(topic, t -> new ArrayList<>()).add(file + "#" + id))));

        assertThat(problemsOfTopics(used)).isEmpty();
        assertThat(used.keySet()).as("every served topic is called by a model").containsAll(ServedTopics.ALL);
    }

    @Test
    void everyWorkerTemplateSaysWhatTheContractAndTheModelsSay() throws IOException {
        Set<String> templates = new TreeSet<>();
        for (Path file : list(MODELER, ".json")) {
            if (!file.getFileName().toString().startsWith("block-")) {
                templates.add(file.getFileName().toString());
            }
        }
        assertThat(templates).as("worker templates in modeler/")
                .isEqualTo(ServedTopics.ALL.stream().map(t -> t + ".json").collect(Collectors.toCollection(TreeSet::new)));
        List<String> problems = new ArrayList<>();
        for (String topic : ServedTopics.ALL) {
            problems.addAll(problemsOfWorkerTemplate(topic, JSON.readTree(MODELER.resolve(topic + ".json").toFile())));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFormAModelNamesIsDeployedWithItAndEveryFormIsNamed() {
        List<String> problems = new ArrayList<>();
        deployments.forEach(d -> problems.addAll(problemsOfForms(d)));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMessageAndErrorIsTheContracts() {
        List<String> problems = new ArrayList<>();
        deployments.get(0).models().forEach((file, model) -> problems.addAll(problemsOfMessagesAndErrors(file, model)));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyBlockProcessThrowsWhatItsTemplateDeclares() {
        Map<String, BpmnModelInstance> byKey = byProcessKey(deployments.get(0));
        for (ProcedureBlocks.Block block : ProcedureBlocks.ALL) {
            if (block.calledProcess() == null) {
                continue;
            }
            BpmnModelInstance model = byKey.get(block.calledProcess());
            assertThat(model).as("process of block " + block.templateId()).isNotNull();
            assertThat(errorCodes(model)).as("errors of " + block.calledProcess())
                    .containsExactlyInAnyOrderElementsOf(block.errors().stream().map(ProcedureBlocks.Error::code).toList());
        }
    }

    @Test
    void everyDecisionParsesAndReadsWhatItsProcessPasses() throws IOException {
        List<String> problems = new ArrayList<>();
        deployments.forEach(d -> problems.addAll(problemsOfDecisions(d)));
        assertThat(problems).isEmpty();

        Deployment platform = deployments.get(0);
        assertThat(platform.decisions().keySet()).as("platform decisions with a declared caller")
                .containsExactlyInAnyOrderElementsOf(DECISIONS.keySet());
        for (var call : DECISIONS.entrySet()) {
            problems.addAll(problemsOfDecisionInputs(call.getKey(), (DmnDecisionTableImpl) platform.decisions()
                    .get(call.getKey()).getDecisionLogic(), call.getValue()));
        }
        assertThat(problems).isEmpty();
    }

    /** The checks see a mistake: an analyst renames a topic, mistypes a form, reads a missing output. */
    @Test
    void findsAMistakePlantedInAModel() throws IOException {
        Deployment platform = deployments.get(0);
        BpmnModelInstance exchange = Bpmn.readModelFromFile(PROCESSES.resolve("record-exchange.bpmn").toFile());
        DomElement task = exchange.getModelElementById("Task_NdxpSend").getDomElement();
        task.setAttribute(CAMUNDA, "topic", "ndxp-send-v2");
        assertThat(problemsOfTopics(Map.of("ndxp-send-v2", List.of("record-exchange.bpmn#Task_NdxpSend"))))
                .singleElement().asString().contains("ndxp-send-v2", "no worker");

        Map<String, BpmnModelInstance> models = new LinkedHashMap<>(platform.models());
        BpmnModelInstance postal = Bpmn.readModelFromFile(PROCESSES.resolve("postal-return.bpmn").toFile());
        walk(postal.getDocument().getRootElement(), e -> {
            if (e.getAttribute(CAMUNDA, "formRef") != null) {
                e.setAttribute(CAMUNDA, "formRef", "postal-followup");
            }
        });
        models.put("postal-return.bpmn", postal);
        assertThat(problemsOfForms(new Deployment(platform.folder(), models, platform.forms(), platform.decisions(),
                platform.decisionFiles()))).anySatisfy(p -> assertThat(p).contains("postal-followup", "not deployed"))
                .anySatisfy(p -> assertThat(p).contains("postal-follow-up", "no model names it"));

        JsonNode template = JSON.readTree(MODELER.resolve("ndxp-send.json").toFile());
        var reads = StreamSupport.stream(template.get(0).path("properties").spliterator(), false)
                .filter(p -> p.path("binding").path("name").asText().equals("lgsp.reads.ndxpAddress")).findFirst().orElseThrow();
        ((com.fasterxml.jackson.databind.node.ObjectNode) reads.get("binding")).put("name", "lgsp.reads.ndxpAdress");
        assertThat(problemsOfWorkerTemplate("ndxp-send", template))
                .anySatisfy(p -> assertThat(p).contains("ndxpAdress", "not a variable of the contract"));

        DmnDecisionTableImpl routing = (DmnDecisionTableImpl) platform.decisions()
                .get(RecordExchangeProcess.ROUTING_DECISION).getDecisionLogic();
        DmnDecisionTableInputImpl extra = new DmnDecisionTableInputImpl();
        extra.setId("input-planted");
        var expression = new org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl();
        expression.setExpression("applicantCitizenId");
        extra.setExpression(expression);
        List<DmnDecisionTableInputImpl> inputs = new ArrayList<>(routing.getInputs());
        inputs.add(extra);
        DmnDecisionTableImpl planted = new DmnDecisionTableImpl();
        planted.setInputs(inputs);
        planted.setOutputs(routing.getOutputs());
        assertThat(problemsOfDecisionInputs(RecordExchangeProcess.ROUTING_DECISION, planted,
                DECISIONS.get(RecordExchangeProcess.ROUTING_DECISION)))
                .singleElement().asString().contains("applicantCitizenId");
    }

    // ---- the checks

    private static List<String> problemsOfTopics(Map<String, List<String>> used) {
        List<String> problems = new ArrayList<>();
        used.forEach((topic, where) -> {
            if (!ServedTopics.ALL.contains(topic)) {
                problems.add(where + " calls topic " + topic + ", which is not in ServedTopics: no worker serves it");
            } else if (!subscribedHandlers.containsKey(topic)) {
                problems.add("topic " + topic + " is in ServedTopics but WorkerRuntime subscribes no handler to it");
            } else if (!Files.exists(MODELER.resolve(topic + ".json"))) {
                problems.add("topic " + topic + " has no element template modeler/" + topic + ".json");
            }
        });
        return problems;
    }

    private static List<String> problemsOfWorkerTemplate(String topic, JsonNode templates) {
        List<String> problems = new ArrayList<>();
        String file = "modeler/" + topic + ".json";
        if (!templates.isArray() || templates.size() != 1) {
            return List.of(file + " holds " + templates.size() + " templates, not one");
        }
        JsonNode template = templates.get(0);
        if (!template.path("id").asText().equals(WORKER_TEMPLATE_PREFIX + topic)) {
            problems.add(file + " has id " + template.path("id").asText());
        }
        if (!template.path("appliesTo").toString().equals("[\"bpmn:ServiceTask\"]")) {
            problems.add(file + " applies to " + template.path("appliesTo"));
        }
        Map<String, JsonNode> bound = new HashMap<>();
        template.path("properties").forEach(p -> bound.put(p.path("binding").path("name").asText(), p));
        if (!bound.containsKey("camunda:type") || !bound.get("camunda:type").path("value").asText().equals("external")) {
            problems.add(file + " does not make the task an external task");
        }
        if (!bound.containsKey("camunda:topic") || !bound.get("camunda:topic").path("value").asText().equals(topic)
                || !bound.get("camunda:topic").path("type").asText().equals("Hidden")) {
            problems.add(file + " does not fix camunda:topic to " + topic);
        }
        String handler = subscribedHandlers.get(topic);
        JsonNode worker = bound.get("lgsp.worker");
        if (worker == null || !worker.path("value").asText().equals(topic + " (" + handler + ")")) {
            problems.add(file + " names worker " + (worker == null ? null : worker.path("value").asText())
                    + ", but WorkerRuntime subscribes " + handler + " to " + topic);
        }
        Set<String> variables = new TreeSet<>();
        Set<String> constants = new TreeSet<>();
        WORKER_CONTRACTS.forEach(c -> {
            variables.addAll(constants(nested(c, "Variables")));
            constants.addAll(constants(c));
        });
        Set<String> errors = new TreeSet<>();
        for (String name : bound.keySet()) {
            for (String prefix : List.of("lgsp.reads.", "lgsp.writes.")) {
                if (name.startsWith(prefix) && !variables.contains(name.substring(prefix.length()))) {
                    problems.add(file + ": " + name.substring(prefix.length()) + " is not a variable of the contract");
                }
            }
            if (name.startsWith("lgsp.bpmnError.")) {
                String code = name.substring("lgsp.bpmnError.".length());
                errors.add(code);
                if (!constants.contains(code)) {
                    problems.add(file + ": error " + code + " is not an error of the contract");
                }
            }
        }
        // every task of the topic catches what its worker throws
        deployments.forEach(d -> d.models().forEach((modelFile, model) -> topics(model).forEach((id, t) -> {
            if (t.equals(topic)) {
                Set<String> caught = model.getModelElementsByType(BoundaryEvent.class).stream()
                        .filter(b -> b.getAttachedTo().getId().equals(id))
                        .flatMap(b -> b.getEventDefinitions().stream())
                        .filter(ErrorEventDefinition.class::isInstance).map(e -> ((ErrorEventDefinition) e).getError())
                        .filter(e -> e != null).map(e -> e.getErrorCode()).collect(Collectors.toSet());
                errors.stream().filter(e -> !caught.contains(e)).forEach(e ->
                        problems.add(modelFile + "#" + id + " does not catch " + e + ", which " + file + " declares"));
            }
        })));
        return problems;
    }

    private static List<String> problemsOfForms(Deployment deployment) {
        List<String> problems = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        deployment.models().forEach((file, model) -> walk(model.getDocument().getRootElement(), e -> {
            String ref = e.getAttribute(CAMUNDA, "formRef");
            String key = e.getAttribute(CAMUNDA, "formKey");
            if (key != null) {
                problems.add(file + "#" + e.getAttribute("id") + " uses formKey " + key + "; forms are Camunda Forms (formRef)");
            }
            if (ref == null) {
                return;
            }
            named.add(ref);
            if (!deployment.forms().containsKey(ref)) {
                problems.add(file + "#" + e.getAttribute("id") + " names form " + ref + ", which is not deployed with it");
            }
        }));
        deployment.forms().keySet().stream().filter(f -> !named.contains(f))
                .forEach(f -> problems.add("form " + f + " in " + deployment.folder() + ": no model names it"));
        return problems;
    }

    private static List<String> problemsOfMessagesAndErrors(String file, BpmnModelInstance model) {
        List<String> problems = new ArrayList<>();
        String key = model.getModelElementsByType(Process.class).iterator().next().getId();
        Set<String> names = new TreeSet<>();
        model.getModelElementsByType(Message.class).forEach(m -> names.add(m.getName()));
        Set<String> codes = errorCodes(model);
        if (names.isEmpty() && codes.isEmpty()) {
            return problems;
        }
        Set<String> contract = new TreeSet<>();
        if (key.startsWith("lgsp-block-")) {
            ProcedureBlocks.ALL.forEach(b -> b.errors().forEach(e -> contract.add(e.code())));
            contract.addAll(constants(caseRecords()));
        } else if (CONTRACTS.containsKey(key)) {
            CONTRACTS.get(key).forEach(c -> contract.addAll(constants(c)));
        } else {
            problems.add(file + " has messages " + names + " and errors " + codes + " but no contract class names them");
            return problems;
        }
        names.stream().filter(n -> !contract.contains(n)).forEach(n -> problems.add(file + ": message " + n
                + " is not a constant of its contract"));
        codes.stream().filter(c -> !contract.contains(c)).forEach(c -> problems.add(file + ": error " + c
                + " is not a constant of its contract"));
        return problems;
    }

    private static List<String> problemsOfDecisions(Deployment deployment) {
        List<String> problems = new ArrayList<>();
        Set<String> called = new TreeSet<>();
        deployment.models().forEach((file, model) -> walk(model.getDocument().getRootElement(), e -> {
            String ref = e.getAttribute(CAMUNDA, "decisionRef");
            if (ref == null) {
                return;
            }
            called.add(ref);
            String where = file + "#" + e.getAttribute("id");
            DmnDecision decision = deployment.decisions().get(ref);
            if (decision == null) {
                problems.add(where + " calls decision " + ref + ", which is not deployed with it");
                return;
            }
            DmnDecisionTableImpl table = (DmnDecisionTableImpl) decision.getDecisionLogic();
            Set<String> outputs = table.getOutputs().stream().map(DmnDecisionTableOutputImpl::getOutputName)
                    .collect(Collectors.toSet());
            String result = e.getAttribute(CAMUNDA, "resultVariable");
            String mapping = e.getAttribute(CAMUNDA, "mapDecisionResult");
            if (result == null) {
                problems.add(where + " keeps no result of " + ref);
            } else if ("singleEntry".equals(mapping)) {
                if (outputs.size() != 1) {
                    problems.add(where + " maps a single entry of " + ref + ", which has outputs " + outputs);
                }
            } else {
                for (String read : readsOfResult(model, result)) {
                    if (!outputs.contains(read)) {
                        problems.add(where + ": " + result + "." + read + " is read, but " + ref + " has outputs " + outputs);
                    }
                }
            }
        }));
        deployment.decisions().keySet().stream().filter(d -> !called.contains(d))
                .forEach(d -> problems.add("decision " + d + " in " + deployment.decisionFiles().get(d) + ": no model calls it"));
        return problems;
    }

    private static List<String> problemsOfDecisionInputs(String decision, DmnDecisionTableImpl table, DecisionCall call) {
        Set<String> passed = new TreeSet<>();
        if (call.variables() != null) {
            passed.addAll(constants(call.variables()));
        }
        if (call.starter() != null) {
            Matcher put = Pattern.compile("variables\\.put\\(\"(\\w+)\"").matcher(read(call.starter()));
            while (put.find()) {
                passed.add(put.group(1));
            }
        }
        List<String> problems = new ArrayList<>();
        for (DmnDecisionTableInputImpl input : table.getInputs()) {
            String expression = input.getExpression().getExpression().replaceAll("\"[^\"]*\"", "\"\"");
            Matcher names = IDENTIFIER.matcher(expression);
            while (names.find()) {
                String name = names.group(1);
                if (!FEEL.contains(name) && !passed.contains(name)) {
                    problems.add(decision + " input " + input.getId() + " reads " + name + ", which "
                            + call.processKey() + " does not pass");
                }
            }
        }
        return problems;
    }

    // ---- reading the files

    private static Deployment deployment(Path folder, List<Path> models, List<Path> forms, List<Path> decisions)
            throws IOException {
        Map<String, BpmnModelInstance> parsed = new TreeMap<>();
        for (Path model : models) {
            parsed.put(folder.relativize(model).toString(), Bpmn.readModelFromFile(model.toFile()));
        }
        Map<String, JsonNode> formsById = new TreeMap<>();
        for (Path form : forms) {
            JsonNode document = JSON.readTree(form.toFile());
            String id = document.path("id").asText();
            assertThat(form.getFileName().toString()).as("form file named by its id").isEqualTo(id + ".form");
            assertThat(document.path("components").isArray()).as(form + " components").isTrue();
            formsById.put(id, document);
        }
        Map<String, DmnDecision> byId = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        for (Path table : decisions) {
            try (InputStream in = Files.newInputStream(table)) {
                for (DmnDecision decision : DMN_ENGINE.parseDecisions(in)) {
                    byId.put(decision.getKey(), decision);
                    files.put(decision.getKey(), table);
                }
            }
        }
        return new Deployment(folder, parsed, formsById, byId, files);
    }

    /** External-task topics by element id. */
    private static Map<String, String> topics(BpmnModelInstance model) {
        Map<String, String> topics = new TreeMap<>();
        walk(model.getDocument().getRootElement(), e -> {
            String topic = e.getAttribute(CAMUNDA, "topic");
            if (topic != null) {
                topics.put(e.getAttribute("id"), topic);
            }
        });
        return topics;
    }

    private static Set<String> errorCodes(BpmnModelInstance model) {
        return model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Error.class).stream()
                .map(org.camunda.bpm.model.bpmn.instance.Error::getErrorCode).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, BpmnModelInstance> byProcessKey(Deployment deployment) {
        Map<String, BpmnModelInstance> byKey = new HashMap<>();
        deployment.models().values().forEach(m -> m.getModelElementsByType(Process.class)
                .forEach(p -> byKey.put(p.getId(), m)));
        return byKey;
    }

    /**
     * The entries of a decision's result the platform reads: {@code ${result.name}} in the model,
     * {@code result.get("name")} in the Java that takes the result out of the execution.
     */
    private static Set<String> readsOfResult(BpmnModelInstance model, String result) {
        Set<String> reads = new TreeSet<>();
        Matcher inModel = Pattern.compile("\\$\\{[^}]*\\b" + result + "\\.(\\w+)").matcher(Bpmn.convertToString(model));
        while (inModel.find()) {
            reads.add(inModel.group(1));
        }
        for (String text : mainSources) {
            Matcher take = TAKEN.matcher(text);
            while (take.find()) {
                if (!names(take.group(2), result)) {
                    continue;
                }
                Matcher get = Pattern.compile("\\b" + take.group(1) + "\\.get\\(\"(\\w+)\"\\)").matcher(text);
                while (get.find()) {
                    reads.add(get.group(1));
                }
            }
        }
        return reads;
    }

    /** {@code "routing"} or a contract constant whose value is {@code routing}. */
    private static boolean names(String argument, String variable) {
        if (argument.startsWith("\"")) {
            return argument.equals("\"" + variable + "\"");
        }
        String constant = argument.substring(argument.lastIndexOf('.') + 1);
        return DECISIONS.values().stream().filter(c -> c.variables() != null).anyMatch(c -> {
            try {
                return variable.equals(c.variables().getField(constant).get(null));
            } catch (ReflectiveOperationException e) {
                return false;
            }
        });
    }

    /** Topic → the handler class WorkerRuntime subscribes to it. */
    private static Map<String, String> subscriptions() {
        Map<String, String> constants = new HashMap<>();
        for (Class<?> contract : WORKER_CONTRACTS) {
            Class<?> topics = nested(contract, "Topics");
            for (Field field : topics.getFields()) {
                String value = (String) value(field);
                constants.put(contract.getSimpleName() + ".Topics." + field.getName(), value);
                if (contract == RecordExchangeProcess.class) {
                    constants.put("Topics." + field.getName(), value); // imported as Topics in WorkerRuntime
                }
            }
        }
        Map<String, String> handlers = new TreeMap<>();
        Matcher subscription = SUBSCRIPTION.matcher(read(WORKER_RUNTIME));
        while (subscription.find()) {
            String topic = constants.get(subscription.group(1));
            assertThat(topic).as("WorkerRuntime subscribes to " + subscription.group(1) + ", a contract topic").isNotNull();
            handlers.put(topic, subscription.group(2));
        }
        return handlers;
    }

    private static Class<?> nested(Class<?> contract, String name) {
        return Stream.of(contract.getClasses()).filter(c -> c.getSimpleName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(contract.getName() + " has no " + name));
    }

    /** The String constants of a class and its nested classes, public or not. */
    private static Set<String> constants(Class<?> type) {
        Set<String> values = new TreeSet<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                values.add((String) value(field));
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            values.addAll(constants(nested));
        }
        return values;
    }

    /** The procedures' platform messages (the block that sends a record waits for its settlement). */
    private static Class<?> caseRecords() {
        try {
            return Class.forName("vn.hanoi.lgsp.procedure.CaseRecords");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(DomElement element, Consumer<DomElement> visit) {
        visit.accept(element);
        element.getChildElements().forEach(child -> walk(child, visit));
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<Path> list(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
