package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks.Block;

/**
 * The element templates of the building blocks ({@code modeler/block-*.json}): valid for Camunda
 * Modeler, i.e. against the Camunda 7 element-template JSON schema itself, and saying what
 * {@link ProcedureBlocks} says, so that an analyst cannot be offered an input the block does not
 * read nor miss an error it throws.
 *
 * <p>The schema is the npm package {@code @camunda/element-templates-json-schema}, installed once
 * under {@code .lgsp/tools/element-templates-schema} (Node.js and npm are needed, as for
 * {@code Newman}). The templates name it by its unpkg address; that address is mapped to the
 * installed file and any other remote load is refused, so the test never reaches the network.
 */
class BlockTemplatesTest {

    private static final String SCHEMA_PACKAGE = "@camunda/element-templates-json-schema";
    private static final String SCHEMA_VERSION = "0.22.1";
    private static final Path HOME = Path.of(".lgsp/tools/element-templates-schema").toAbsolutePath();
    /** What the templates declare as {@code $schema}. */
    private static final String SCHEMA_URL = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    /** The schema's own {@code $id}. */
    private static final String SCHEMA_ID = "http://camunda.org/schema/element-templates/1.0";
    private static final Path MODELER = Path.of("modeler");
    private static final String BLOCK_ID_PREFIX = "vn.hanoi.lgsp.block.";
    private static final Pattern VARIABLE = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,59}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where each input of the blocks that are not call activities lands in the model. A call
     * activity's input is always {@code <camunda:in target="name" sourceExpression="...">}.
     */
    private static final Map<String, Map<String, String>> BINDINGS = Map.of(
            ProcedureBlocks.Properties.TASK_AGENCY, Map.of("type", "camunda:property", "name", ProcedureBlocks.Properties.TASK_AGENCY),
            "formRef", Map.of("type", "property", "name", "camunda:formRef"),
            "dueWorkingDays", Map.of("type", "property", "name", "camunda:dueDate"),
            "decisionRef", Map.of("type", "property", "name", "camunda:decisionRef"),
            "resultVariable", Map.of("type", "property", "name", "camunda:resultVariable"),
            "workingDays", Map.of("type", "camunda:property", "name", "lgsp.timer"));
    /**
     * Inputs a template cannot turn into what the platform reads (a template cannot compute): the
     * analyst writes the working-day calendar's expression and changes only its number, which
     * must look like the contract's pattern.
     */
    private static final Set<String> AS_WORKING_DAYS_EXPRESSION = Set.of("dueWorkingDays", "workingDays");

    private static JsonSchemaFactory factory;

    @BeforeAll
    static void installSchema() throws IOException, InterruptedException {
        Path schema = install();
        String local = schema.toUri().toString();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_URL, local).mapPrefix(SCHEMA_ID, local))
                .schemaLoaders(loaders -> loaders.add(iri -> {
                    String uri = iri.toString();
                    if (uri.startsWith("http:") || uri.startsWith("https:")) {
                        throw new IllegalStateException("the element-template schema would load " + uri
                                + " from the network; map it to a file of " + SCHEMA_PACKAGE);
                    }
                    return null;
                })));
    }

    /** The schema package from npm, pinned; reinstalled when another version is found. */
    static synchronized Path install() throws IOException, InterruptedException {
        Path packageDir = HOME.resolve("node_modules").resolve(SCHEMA_PACKAGE);
        Path schema = packageDir.resolve("resources/schema.json");
        Path manifest = packageDir.resolve("package.json");
        if (Files.isRegularFile(schema) && Files.isRegularFile(manifest)
                && SCHEMA_VERSION.equals(JSON.readTree(manifest.toFile()).path("version").asText())) {
            return schema;
        }
        Files.createDirectories(HOME);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(),
                SCHEMA_PACKAGE + "@" + SCHEMA_VERSION).redirectErrorStream(true).start();
        String log = new String(npm.getInputStream().readAllBytes());
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(schema)) {
            throw new IllegalStateException("npm could not install " + SCHEMA_PACKAGE + " " + SCHEMA_VERSION + ":\n" + log);
        }
        return schema;
    }

    static Stream<String> templateIds() {
        return ProcedureBlocks.ALL.stream().map(Block::templateId);
    }

    private static Block block(String templateId) {
        return ProcedureBlocks.ALL.stream().filter(b -> b.templateId().equals(templateId)).findFirst().orElseThrow();
    }

    private static Path file(Block block) {
        assertThat(block.templateId()).startsWith(BLOCK_ID_PREFIX);
        return MODELER.resolve("block-" + block.templateId().substring(BLOCK_ID_PREFIX.length()) + ".json");
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** The schema the template names, resolved to the installed copy. */
    private static Set<ValidationMessage> validate(JsonNode templates) {
        String declared = templates.path(0).path("$schema").asText(SCHEMA_URL);
        assertThat(declared).as("$schema of the template").isEqualTo(SCHEMA_URL);
        JsonSchema schema = factory.getSchema(SchemaLocation.of(declared));
        return schema.validate(templates);
    }

    @Test
    void everyBlockHasATemplateAndEveryTemplateABlock() throws IOException {
        Set<String> expected = ProcedureBlocks.ALL.stream().map(b -> file(b).getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present;
        try (Stream<Path> files = Files.list(MODELER)) {
            present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("block-") && n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(present).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateIds")
    void validAgainstTheElementTemplateSchema(String templateId) throws IOException {
        Block block = block(templateId);
        JsonNode templates = read(file(block));
        assertThat(validate(templates)).as(file(block) + " against " + SCHEMA_PACKAGE + " " + SCHEMA_VERSION).isEmpty();
    }

    @Test
    void aTemplateWithoutAppliesToIsInvalid() throws IOException {
        JsonNode templates = read(file(ProcedureBlocks.NOTIFY));
        assertThat(validate(templates)).isEmpty();
        ((ObjectNode) templates.get(0)).remove("appliesTo");

        assertThat(validate(templates)).isNotEmpty()
                .anySatisfy(message -> assertThat(message.getMessage()).contains("appliesTo"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateIds")
    void saysWhatTheContractSays(String templateId) throws IOException {
        Block block = block(templateId);
        JsonNode templates = read(file(block));
        assertThat(templates.isArray() && templates.size() == 1).as("one template per file").isTrue();
        JsonNode template = templates.get(0);
        List<JsonNode> properties = list(template.path("properties"));

        assertThat(template.path("id").asText()).isEqualTo(block.templateId());
        assertThat(template.path("name").asText()).isEqualTo(block.name());
        assertThat(template.path("description").asText()).isEqualTo(block.description());
        assertThat(list(template.path("appliesTo")).stream().map(JsonNode::asText).toList())
                .isEqualTo(switch (block.element()) {
                    case CALL_ACTIVITY -> List.of("bpmn:CallActivity");
                    case USER_TASK -> List.of("bpmn:UserTask");
                    case BUSINESS_RULE_TASK -> List.of("bpmn:BusinessRuleTask");
                    case TIMER_EVENT -> List.of("bpmn:IntermediateCatchEvent", "bpmn:BoundaryEvent");
                });
        Set<String> groups = list(template.path("groups")).stream().map(g -> g.path("id").asText()).collect(Collectors.toSet());
        properties.stream().filter(p -> p.has("group"))
                .forEach(p -> assertThat(groups).as("group of " + p.path("label").asText()).contains(p.path("group").asText()));

        List<JsonNode> calledElement = bound(properties, Map.of("type", "property", "name", "calledElement"));
        if (block.element() == ProcedureBlocks.Element.CALL_ACTIVITY) {
            assertThat(calledElement).hasSize(1);
            assertThat(calledElement.get(0).path("type").asText()).isEqualTo("Hidden");
            assertThat(calledElement.get(0).path("value").asText()).isEqualTo(block.calledProcess());
            assertThat(bound(properties, Map.of("type", "camunda:in"))).as("camunda:in bindings").hasSameSizeAs(block.inputs());
            assertThat(bound(properties, Map.of("type", "camunda:out"))).as("camunda:out bindings").hasSameSizeAs(block.outputs());
        } else {
            assertThat(calledElement).isEmpty();
        }

        for (var input : block.inputs()) {
            Map<String, String> binding = block.element() == ProcedureBlocks.Element.CALL_ACTIVITY
                    ? Map.of("type", "camunda:in", "target", input.name(), "expression", "true")
                    : BINDINGS.get(input.name());
            assertThat(binding).as("where input " + input.name() + " of " + block.templateId() + " lands").isNotNull();
            List<JsonNode> found = bound(properties, binding);
            assertThat(found).as("property for input " + input.name()).hasSize(1);
            JsonNode property = found.get(0);
            assertThat(property.path("label").asText()).isEqualTo(input.label());
            assertThat(property.path("description").asText()).startsWith(input.description());
            JsonNode constraints = property.path("constraints");
            assertThat(constraints.path("notEmpty").asBoolean()).as("notEmpty of " + input.name()).isEqualTo(input.required());
            String pattern = AS_WORKING_DAYS_EXPRESSION.contains(input.name())
                    ? "^\\$\\{workingDays\\.after\\(" + input.pattern().substring(1, input.pattern().length() - 1) + "\\)\\}$"
                    : input.pattern();
            assertThat(constraints.path("pattern").path("value").asText()).as("pattern of " + input.name()).isEqualTo(pattern);
            assertThat(constraints.path("pattern").path("message").asText()).as("message of " + input.name()).isNotBlank();
            Pattern compiled = Pattern.compile(pattern);
            if (property.has("value")) {
                assertThat(property.path("value").asText()).as("default of " + input.name()).matches(compiled);
            }
            list(property.path("choices")).forEach(choice ->
                    assertThat(choice.path("value").asText()).as("choice of " + input.name()).matches(compiled));
        }

        for (var output : block.outputs()) {
            List<JsonNode> found = bound(properties, Map.of("type", "camunda:out", "source", output.name()));
            assertThat(found).as("camunda:out for output " + output.name()).hasSize(1);
            JsonNode property = found.get(0);
            assertThat(property.path("label").asText()).isEqualTo(output.label());
            assertThat(property.path("description").asText()).startsWith(output.description());
            assertThat(property.path("value").asText()).as("target variable of " + output.name()).matches(VARIABLE);
        }

        List<String> text = new ArrayList<>(List.of(template.path("description").asText()));
        properties.forEach(p -> {
            text.add(p.path("label").asText());
            text.add(p.path("description").asText());
        });
        List<JsonNode> errorEntries = properties.stream()
                .filter(p -> p.path("binding").path("name").asText().startsWith("lgsp.bpmnError.")).toList();
        assertThat(errorEntries).hasSameSizeAs(block.errors());
        for (var error : block.errors()) {
            assertThat(text).as("error " + error.code() + " named").anySatisfy(t -> assertThat(t).contains(error.code()));
            List<JsonNode> entry = bound(properties, Map.of("type", "camunda:property", "name", "lgsp.bpmnError." + error.code()));
            assertThat(entry).as("read-only entry for error " + error.code()).hasSize(1);
            assertThat(entry.get(0).path("editable").asBoolean(true)).isFalse();
            assertThat(entry.get(0).path("description").asText()).startsWith(error.description());
        }
    }

    @Test
    void formsAndDecisionsAreBoundToTheDeployment() throws IOException {
        List<JsonNode> task = list(read(file(ProcedureBlocks.STAFF_TASK)).get(0).path("properties"));
        assertThat(bound(task, Map.of("type", "property", "name", "camunda:formRefBinding")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path("type").asText()).isEqualTo("Hidden");
                    assertThat(p.path("value").asText()).isEqualTo("deployment");
                });

        List<JsonNode> decision = list(read(file(ProcedureBlocks.DECISION)).get(0).path("properties"));
        assertThat(bound(decision, Map.of("type", "property", "name", "camunda:decisionRefBinding")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path("type").asText()).isEqualTo("Hidden");
                    assertThat(p.path("value").asText()).isEqualTo("deployment");
                });
        assertThat(bound(decision, Map.of("type", "property", "name", "camunda:mapDecisionResult")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path("type").asText()).isEqualTo("Dropdown");
                    assertThat(list(p.path("choices")).stream().map(c -> c.path("value").asText()))
                            .containsExactlyInAnyOrder("singleEntry", "singleResult", "collectEntries", "resultList");
                });
    }

    /** The properties whose binding has every given field (booleans compared as text). */
    private static List<JsonNode> bound(List<JsonNode> properties, Map<String, String> binding) {
        return properties.stream().filter(p -> binding.entrySet().stream()
                .allMatch(e -> p.path("binding").has(e.getKey()) && e.getValue().equals(p.path("binding").get(e.getKey()).asText())))
                .toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
