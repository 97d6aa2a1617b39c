package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * R-25 (Đ5, App1 §2.1): what an analyst's deployment may hold. Each refused construct is named with the
 * element that carries it, so that the analyst finds it in Modeler; models made of the building
 * blocks, forms and FEEL tables pass.
 */
class ModelPolicyTest {

    private static final Set<String> AGENCIES = Set.of("000.00.61.H26", "000.00.13.H26", "000.00.00.G22");
    private final ModelPolicy policy = new ModelPolicy(new ModelPolicy.Context(Set.of("record-exchange", "service-onboarding"),
            Set.of("onboarding-review"), Set.of("jdbcTemplate", "keycloakAdmin", "workingDays", "exchangeLifecycle", "systemEnvironment"),
            AGENCIES::contains));

    private static String model(String elements) {
        return ProcedureDesk.procedure("thu-tuc", elements);
    }

    private List<ModelPolicy.Problem> check(String elements) {
        return policy.check(Map.of("thu-tuc.bpmn", model(elements).getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0} is refused and named")
    @CsvSource(delimiter = '|', value = {
            "script task|S|<bpmn:scriptTask id=\"S\" name=\"Tính phí\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>",
            "Java class|J|<bpmn:serviceTask id=\"J\" camunda:class=\"java.lang.Runtime\" />",
            "delegate expression|D|<bpmn:serviceTask id=\"D\" camunda:delegateExpression=\"${keycloakAdmin}\" />",
            "expression delegate|E|<bpmn:serviceTask id=\"E\" camunda:expression=\"${x}\" />",
            "execution listener|X|<bpmn:task id=\"X\"><bpmn:extensionElements><camunda:executionListener event=\"start\" expression=\"${x}\" /></bpmn:extensionElements></bpmn:task>",
            "task listener|L|<bpmn:userTask id=\"L\" camunda:candidateGroups=\"dost-operators\"><bpmn:extensionElements><camunda:taskListener event=\"create\" expression=\"${x}\" /></bpmn:extensionElements></bpmn:userTask>",
            "method call in a condition|F|<bpmn:sequenceFlow id=\"F\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression>${approved.toString() == 'true'}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id=\"End\" />",
            "bean in an expression|G|<bpmn:sequenceFlow id=\"G\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression>${jdbcTemplate != null}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id=\"End\" />",
            "engine object in an expression|H|<bpmn:sequenceFlow id=\"H\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression>${(execution).processEngine}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id=\"End\" />",
            "topic outside the catalog|T|<bpmn:serviceTask id=\"T\" camunda:type=\"external\" camunda:topic=\"ndxp-send\" />",
            "foreign candidate group|U|<bpmn:userTask id=\"U\" camunda:candidateGroups=\"camunda-admins\" />",
            "named assignee|A|<bpmn:userTask id=\"A\" camunda:assignee=\"operator\" camunda:candidateGroups=\"dost-operators\" />",
            "form key outside the deployment|K|<bpmn:userTask id=\"K\" camunda:formKey=\"embedded:app:forms/x.html\" camunda:candidateGroups=\"dost-operators\" />",
            "form reference outside the deployment|R|<bpmn:userTask id=\"R\" camunda:formRef=\"onboarding-review\" camunda:formRefBinding=\"latest\" camunda:candidateGroups=\"dost-operators\" />",
            "call into a platform process|C|<bpmn:callActivity id=\"C\" calledElement=\"service-onboarding\" />",
            "decision outside the deployment|B|<bpmn:businessRuleTask id=\"B\" camunda:decisionRef=\"exchange-routing\" />",
            "connector|N|<bpmn:serviceTask id=\"N\"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>",
            "script in a mapping|M|<bpmn:task id=\"M\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"groovy\">1</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>",
            "unknown destination agency|Q|<bpmn:callActivity id=\"Q\" calledElement=\"lgsp-block-send-record\"><bpmn:extensionElements><camunda:in sourceExpression=\"000.00.99.H26\" target=\"destinationCode\" /><camunda:in sourceExpression=\"1.001193.000.00.00.H26\" target=\"procedureCode\" /><camunda:in sourceExpression=\"to-khai\" target=\"documents\" /><camunda:in sourceExpression=\"5\" target=\"deadlineWorkingDays\" /></bpmn:extensionElements></bpmn:callActivity>",
            "block without its inputs|P|<bpmn:callActivity id=\"P\" calledElement=\"lgsp-block-send-record\" />",
            "staff step without its agency|V|<bpmn:userTask id=\"V\" />",
            "brace inside a string ending the expression early|W|<bpmn:sequenceFlow id=\"W\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression>${'}' != '' ? ''.getClass() != null : true}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id=\"End\" />",
            "expression split by a comment|Y|<bpmn:sequenceFlow id=\"Y\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression>$<!-- -->{execution.getProcessEngineServices() != null}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id=\"End\" />",
            "expression split by CDATA|Z|<bpmn:sequenceFlow id=\"Z\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression>$<![CDATA[{jdbcTemplate != null}]]></bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id=\"End\" />",
            "Spring's own singletons|I|<bpmn:task id=\"I\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"leak\">env: ${systemEnvironment}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>",
            "decoy camunda:calledElement|O|<bpmn:callActivity id=\"O\" camunda:calledElement=\"lgsp-block-notify\" calledElement=\"model-release\" />",
            "form field validator class|FV|<bpmn:userTask id=\"FV\" camunda:candidateGroups=\"dost-operators\"><bpmn:extensionElements><camunda:formData><camunda:formField id=\"x\" type=\"string\"><camunda:validation><camunda:constraint name=\"validator\" config=\"java.lang.Object\" /></camunda:validation></camunda:formField></camunda:formData></bpmn:extensionElements></bpmn:userTask>",
            "unclosed expression|UC|<bpmn:sequenceFlow id=\"UC\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression>${approved</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id=\"End\" />"})
    void refusesWhatRunsCodeOrReachesPastTheProcedure(String construct, String elementId, String element) {
        List<ModelPolicy.Problem> problems = check(element);
        assertThat(problems).as(construct).isNotEmpty();
        assertThat(problems).as(construct).anyMatch(p -> elementId.equals(p.elementId()));
        assertThat(problems.get(0).toString()).contains("thu-tuc.bpmn");
    }

    @Test
    void aProcedureNamesItsOwnerAndKeepsOffThePlatformsIds() {
        String withoutOwner = model("").replace("<camunda:property name=\"lgsp.owner\" value=\"000.00.61.H26\" />", "");
        assertThat(policy.check(Map.of("a.bpmn", withoutOwner.getBytes(StandardCharsets.UTF_8))))
                .anyMatch(p -> p.reason().contains("owning agency"));
        String platform = model("").replace("id=\"thu-tuc\"", "id=\"record-exchange\"");
        assertThat(policy.check(Map.of("b.bpmn", platform.getBytes(StandardCharsets.UTF_8))))
                .anyMatch(p -> "record-exchange".equals(p.elementId()) && p.reason().contains("platform's own"));
        assertThat(policy.check(Map.of("c.form", "{\"id\":\"onboarding-review\",\"components\":[]}".getBytes(StandardCharsets.UTF_8))))
                .anyMatch(p -> p.reason().contains("platform's own forms"));
        assertThat(policy.check(Map.of("d.js", "alert(1)".getBytes(StandardCharsets.UTF_8)))).isNotEmpty();
    }

    /** The engine reads the old Activiti namespace as Camunda's: so does the policy. */
    @Test
    void theActivitiNamespaceIsReadAsCamundas() {
        String model = model("<bpmn:serviceTask id=\"A1\" activiti:class=\"java.lang.Object\" />"
                + "<bpmn:userTask id=\"A2\" activiti:candidateGroups=\"camunda-admins\" activiti:formKey=\"x\" />")
                .replace("xmlns:camunda=", "xmlns:activiti=\"http://activiti.org/bpmn\" xmlns:camunda=");
        List<ModelPolicy.Problem> problems = policy.check(Map.of("a.bpmn", model.getBytes(StandardCharsets.UTF_8)));
        assertThat(problems).anyMatch(p -> "A1".equals(p.elementId()) && p.reason().contains("camunda:class"));
        assertThat(problems).anyMatch(p -> "A2".equals(p.elementId()) && p.reason().contains("camunda-admins"));
        assertThat(problems).anyMatch(p -> "A2".equals(p.elementId()) && p.reason().contains("formKey"));
        String foreign = model("<bpmn:task id=\"X1\" zeebe:x=\"1\" />")
                .replace("xmlns:camunda=", "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" xmlns:camunda=");
        assertThat(policy.check(Map.of("b.bpmn", foreign.getBytes(StandardCharsets.UTF_8))))
                .anyMatch(p -> "X1".equals(p.elementId()) && p.reason().contains("namespace"));
    }

    @Test
    void aPlatformMessageCannotBeCaught() {
        String model = model("<bpmn:intermediateCatchEvent id=\"M1\"><bpmn:messageEventDefinition messageRef=\"Msg\" />"
                + "</bpmn:intermediateCatchEvent>").replace("<bpmn:process", "<bpmn:message id=\"Msg\" name=\"ProcedureRecordSettled\" /><bpmn:process");
        assertThat(policy.check(Map.of("m.bpmn", model.getBytes(StandardCharsets.UTF_8))))
                .anyMatch(p -> "Msg".equals(p.elementId()));
    }

    @Test
    void decisionTablesAreFeelOnly() {
        String juel = """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
                  <decision id="bang" name="Bảng"><decisionTable id="t">
                    <input id="i"><inputExpression id="ie" typeRef="string" expressionLanguage="juel"><text>${x}</text></inputExpression></input>
                    <output id="o" name="y" typeRef="string" />
                  </decisionTable></decision>
                </definitions>""";
        assertThat(policy.check(Map.of("bang.dmn", juel.getBytes(StandardCharsets.UTF_8))))
                .anyMatch(p -> "ie".equals(p.elementId()) && p.reason().contains("FEEL"));
    }

    @Test
    void variablesComparisonsAndWorkingDayDeadlinesPass() {
        assertThat(policy.refusal("approved && count > 3")).isNull();
        assertThat(policy.refusal("ketLuan == 'HOP_LE' or empty ghiChu")).isNull();
        assertThat(policy.refusal("not(approved)")).isNull();
        assertThat(policy.refusal("amount > 1.5")).isNull();
        assertThat(policy.refusal("workingDays.after(5)")).isNull();
        assertThat(policy.refusal("workingDays.afterFrom(3, receivedAt)")).isNull();
        assertThat(policy.refusal("workingDays.calendar")).isNotNull();
        assertThat(policy.refusal("''.getClass()")).isNotNull();
        assertThat(policy.refusal("x[0]")).isNotNull();
        assertThat(policy.refusal("fn:join(x)")).isNotNull();
    }

    /** The three-agency procedure the end-to-end test deploys is made of blocks only, and passes whole. */
    @Test
    void theThreeAgencyTestProcedurePasses() throws IOException {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (String name : List.of("lien-thong-ba-co-quan.bpmn", "chon-co-quan.dmn", "kiem-tra-ho-so.form", "xu-ly-tu-choi.form")) {
            try (InputStream in = getClass().getResourceAsStream("/procedures/ba-co-quan/" + name)) {
                resources.put(name, in.readAllBytes());
            }
        }
        assertThat(policy.check(resources)).isEmpty();
    }
}
