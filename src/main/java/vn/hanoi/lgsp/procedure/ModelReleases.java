package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;
import vn.hanoi.lgsp.xml.SafeXml;

/**
 * Test first, then production (R-14 for procedures): what an analyst deploys runs only in the test
 * environment until a DOST leader other than the analyst approves it in Tasklist; which version
 * of each model production runs; the previous version reactivated when DOST chooses. The
 * platform's decision tables take the same path, and a new version of one must keep the
 * table's inputs and outputs and pass the table's test cases ({@code dmn/<id>.tests.json})
 * before it can be approved. Every step is journaled.
 */
@Component("modelReleases")
public class ModelReleases {

    static final String REVIEW_PROCESS = "model-release";
    /** How long a node keeps the production version of a decision before reading it again. */
    private static final long CACHE_MILLIS = 5_000;

    public enum State { TESTING, APPROVED, REJECTED }

    /** A deployment an analyst made, as the reviewing leader sees it. */
    public record Release(String deploymentId, String name, String deployedBy, Instant deployedAt, State state,
                          JsonNode summary, boolean checksPassed, String reviewInstance, String decidedBy,
                          Instant decidedAt, String note) {
    }

    private static final String STAFF = "agency-staff";

    private final JdbcTemplate jdbc;
    private final org.camunda.bpm.engine.AuthorizationService authorizations;
    private final vn.hanoi.lgsp.agency.AgencyRegistry agencies;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final DecisionService decisions;
    private final PlatformModels platform;
    private final AuditJournal journal;
    private final ObjectMapper json;
    private final Map<String, Cached> decisionVersions = new ConcurrentHashMap<>();

    private record Cached(int version, long until) {
    }

    ModelReleases(JdbcTemplate jdbc, org.camunda.bpm.engine.AuthorizationService authorizations,
                  vn.hanoi.lgsp.agency.AgencyRegistry agencies, RepositoryService repository, RuntimeService runtime, DecisionService decisions,
                  PlatformModels platform, AuditJournal journal, ObjectMapper json) {
        this.jdbc = jdbc;
        this.authorizations = authorizations;
        this.agencies = agencies;
        this.repository = repository;
        this.runtime = runtime;
        this.decisions = decisions;
        this.platform = platform;
        this.journal = journal;
        this.json = json;
    }

    // ---- a deployment arrives (inside the engine's deployment, after its definitions exist) ----

    void registered(DeploymentEntity deployment, Map<String, byte[]> resources, String user) {
        Map<String, Object> summary = new LinkedHashMap<>();
        // who deployed has a field of its own on the review form
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> processes = new ArrayList<>();
        for (ProcessDefinition process : orEmpty(deployment.getDeployedProcessDefinitions())) {
            byte[] model = resources.get(process.getResourceName());
            processes.add(describeProcess(process, model, lines));
        }
        List<String> checks = new ArrayList<>();
        boolean passed = true;
        List<Map<String, Object>> tables = new ArrayList<>();
        for (DecisionDefinition decision : orEmpty(deployment.getDeployedDecisionDefinitions())) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("key", decision.getKey());
            table.put("version", decision.getVersion());
            table.put("platformTable", platform.decisionIds().contains(decision.getKey()));
            lines.add("Bảng quyết định " + decision.getKey() + " phiên bản " + decision.getVersion()
                    + (platform.decisionIds().contains(decision.getKey()) ? " (bảng của nền tảng)" : ""));
            if (platform.decisionIds().contains(decision.getKey())) {
                List<String> problems = checkPlatformDecision(decision, resources.get(decision.getResourceName()), checks);
                table.put("problems", problems);
                passed &= problems.isEmpty();
            }
            tables.add(table);
        }
        summary.put("processes", processes);
        summary.put("decisions", tables);
        summary.put("forms", resources.keySet().stream().filter(n -> n.endsWith(".form")).toList());
        summary.put("checks", checks);
        lines.addAll(checks);
        if (!passed) {
            lines.add("KHÔNG ĐƯỢC PHÊ DUYỆT: phiên bản mới không qua kiểm tra của bảng quyết định.");
        }
        String summaryJson = write(summary);
        jdbc.update("""
                insert into lgsp.model_release (deployment_id, deployment_name, deployed_by, state, summary, checks_passed)
                values (?, ?, ?, 'TESTING', ?::jsonb, ?)""", deployment.getId(), deployment.getName(), user, summaryJson, passed);
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", deployment.getId());
        variables.put("deploymentName", deployment.getName() == null ? deployment.getId() : deployment.getName());
        variables.put("deployedBy", user);
        variables.put("summaryText", String.join("\n", lines));
        variables.put("checksPassed", passed);
        String review = runtime.startProcessInstanceByKey(REVIEW_PROCESS, deployment.getId(), variables).getId();
        jdbc.update("update lgsp.model_release set review_instance = ? where deployment_id = ?", review, deployment.getId());
        journal.append(entry(user, "model.deployed", deployment.getId(), "00", Map.of("checksPassed", passed,
                "summary", summary)));
    }

    private Map<String, Object> describeProcess(ProcessDefinition process, byte[] model, List<String> lines) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("key", process.getKey());
        described.put("version", process.getVersion());
        described.put("name", process.getName());
        Set<String> agencies = new TreeSet<>();
        Set<String> blocks = new TreeSet<>();
        Set<String> forms = new TreeSet<>();
        Set<String> national = new TreeSet<>();
        Map<String, String> elements = new LinkedHashMap<>();
        if (model != null) {
            Document document = SafeXml.parse(model);
            for (Element p : ModelXml.elements(document.getDocumentElement(), ModelXml.BPMN, "process")) {
                if (!process.getKey().equals(p.getAttribute("id"))) {
                    continue;
                }
                Optional.ofNullable(ModelXml.property(p, ProcedureBlocks.Properties.OWNER)).ifPresent(o -> {
                    agencies.add(o);
                    described.put("owner", o);
                });
                elements.putAll(flowElements(p));
                if (!ModelXml.elements(p, ModelXml.BPMN, "userTask").isEmpty()) {
                    blocks.add(ProcedureBlocks.STAFF_TASK.name());
                }
                if (!ModelXml.elements(p, ModelXml.BPMN, "businessRuleTask").isEmpty()) {
                    blocks.add(ProcedureBlocks.DECISION.name());
                }
                if (!ModelXml.elements(p, ModelXml.BPMN, "timerEventDefinition").isEmpty()) {
                    blocks.add(ProcedureBlocks.WORKING_DAY_TIMER.name());
                }
                for (Element task : ModelXml.elements(p, ModelXml.BPMN, "userTask")) {
                    Optional.ofNullable(ModelXml.property(task, ProcedureBlocks.Properties.TASK_AGENCY)).ifPresent(agencies::add);
                    if (!task.getAttributeNS(ModelXml.CAMUNDA, "formRef").isEmpty()) {
                        forms.add(task.getAttributeNS(ModelXml.CAMUNDA, "formRef"));
                    }
                }
                for (Element call : ModelXml.elements(p, ModelXml.BPMN, "callActivity")) {
                    ProcedureBlocks.byCalledProcess(call.getAttribute("calledElement")).ifPresent(b -> blocks.add(b.name()));
                    for (Element in : ModelXml.elements(call, ModelXml.CAMUNDA, "in")) {
                        if (Set.of("destinationCode", "agencyCode").contains(in.getAttribute("target"))) {
                            String code = in.getAttribute("sourceExpression");
                            agencies.add(code);
                            if ("destinationCode".equals(in.getAttribute("target")) && !code.endsWith("H26")
                                    && !code.endsWith("K26") && !code.contains("{")) {
                                national.add(code + " (qua NDXP)");
                            }
                        }
                    }
                }
            }
        }
        described.put("agencies", agencies);
        described.put("blocks", blocks);
        described.put("forms", forms);
        described.put("national", national);
        lines.add("Quy trình " + process.getKey() + " phiên bản " + process.getVersion() + " — " + process.getName());
        lines.add("  Cơ quan tham gia: " + String.join(", ", agencies.stream().map(this::named).toList()));
        lines.add("  Khối sử dụng: " + String.join(", ", blocks));
        lines.add("  Biểu mẫu: " + (forms.isEmpty() ? "không" : String.join(", ", forms)));
        lines.add("  Hệ thống quốc gia: " + (national.isEmpty() ? "không" : String.join(", ", national.stream()
                .map(n -> named(n.substring(0, n.indexOf(' '))) + n.substring(n.indexOf(' '))).toList())));
        Optional<ProcessDefinition> running = productionProcess(process.getKey());
        if (running.isEmpty()) {
            lines.add("  Thay đổi: thủ tục mới, chưa có phiên bản vận hành");
            described.put("changes", Map.of("new", true));
        } else {
            Map<String, String> before = new LinkedHashMap<>();
            try (InputStream in = repository.getProcessModel(running.get().getId())) {
                for (Element p : ModelXml.elements(SafeXml.parse(in.readAllBytes()).getDocumentElement(),
                        ModelXml.BPMN, "process")) {
                    before.putAll(flowElements(p));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            List<String> added = elements.keySet().stream().filter(id -> !before.containsKey(id))
                    .map(id -> id + " " + elements.get(id)).toList();
            List<String> removed = before.keySet().stream().filter(id -> !elements.containsKey(id))
                    .map(id -> id + " " + before.get(id)).toList();
            lines.add("  So với phiên bản vận hành " + running.get().getVersion() + ": thêm " + added.size()
                    + ", bỏ " + removed.size() + (added.isEmpty() ? "" : "; thêm: " + String.join(", ", added))
                    + (removed.isEmpty() ? "" : "; bỏ: " + String.join(", ", removed)));
            described.put("changes", Map.of("productionVersion", running.get().getVersion(), "added", added,
                    "removed", removed));
        }
        return described;
    }

    /** An agency as the leader reads it: its name and code. */
    private String named(String code) {
        return agencies.find(code).map(a -> a.name() + " (" + code + ")").orElse(code);
    }

    /** Flow elements by id, with their names: what the leader compares against the running version. */
    private static Map<String, String> flowElements(Element process) {
        Map<String, String> found = new LinkedHashMap<>();
        collect(process, found);
        return found;
    }

    private static void collect(Element parent, Map<String, String> found) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ModelXml.BPMN.equals(e.getNamespaceURI()) && !e.getAttribute("id").isEmpty()
                    && !"sequenceFlow".equals(e.getLocalName())) {
                found.put(e.getAttribute("id"), "\"" + e.getAttribute("name") + "\"");
                if ("subProcess".equals(e.getLocalName())) {
                    collect(e, found);
                }
            }
        }
    }

    /**
     * A platform table's new version keeps the production version's inputs and outputs (the
     * platform's models read them) and gives what its test cases expect.
     */
    private List<String> checkPlatformDecision(DecisionDefinition decision, byte[] model, List<String> lines) {
        List<String> problems = new ArrayList<>();
        int production = productionVersion(decision.getKey());
        DecisionDefinition running = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision.getKey())
                .decisionDefinitionVersion(production).singleResult();
        if (running != null && model != null) {
            try (InputStream in = repository.getDecisionModel(running.getId())) {
                TableShape before = TableShape.of(in.readAllBytes(), decision.getKey());
                TableShape after = TableShape.of(model, decision.getKey());
                if (!before.outputs().equals(after.outputs())) {
                    problems.add("đầu ra phải giữ nguyên " + before.outputs() + " (phiên bản mới: " + after.outputs() + ")");
                }
                if (!before.inputs().equals(after.inputs())) {
                    problems.add("đầu vào phải giữ nguyên " + before.inputs() + " (phiên bản mới: " + after.inputs() + ")");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Optional<byte[]> tests = platform.decisionTests(decision.getKey());
        int ran = 0;
        if (tests.isPresent()) {
            try {
                for (JsonNode testCase : json.readTree(tests.get()).path("cases")) {
                    ran++;
                    Map<String, Object> variables = json.convertValue(testCase.path("variables"), Map.class);
                    String name = testCase.path("name").asText();
                    DmnDecisionResult result;
                    try {
                        result = decisions.evaluateDecisionById(decision.getId()).variables(variables).evaluate();
                    } catch (RuntimeException e) {
                        problems.add("ca kiểm thử \"" + name + "\": lỗi khi tính (" + e.getMessage() + ")");
                        continue;
                    }
                    if (result.size() != 1) {
                        problems.add("ca kiểm thử \"" + name + "\": cần đúng một kết quả, có " + result.size());
                        continue;
                    }
                    Map<String, Object> outputs = result.getSingleResult().getEntryMap();
                    testCase.path("expected").fields().forEachRemaining(expected -> {
                        Object actual = outputs.get(expected.getKey());
                        if (actual == null || !expected.getValue().asText().equals(String.valueOf(actual))) {
                            problems.add("ca kiểm thử \"" + name + "\": " + expected.getKey() + " cần "
                                    + expected.getValue().asText() + ", bảng mới cho " + actual);
                        }
                    });
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable test cases of " + decision.getKey(), e);
            }
        }
        lines.add("  Kiểm tra bảng " + decision.getKey() + ": " + ran + " ca kiểm thử, "
                + (problems.isEmpty() ? "đạt" : problems.size() + " lỗi: " + String.join("; ", problems)));
        return problems;
    }

    /** The inputs (their expressions) and outputs (their names) of a table. */
    private record TableShape(List<String> inputs, List<String> outputs) {
        static TableShape of(byte[] dmn, String decisionId) {
            Document document = SafeXml.parse(dmn);
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            var all = document.getDocumentElement().getElementsByTagNameNS("*", "decision");
            for (int i = 0; i < all.getLength(); i++) {
                Element decision = (Element) all.item(i);
                if (!decisionId.equals(decision.getAttribute("id"))) {
                    continue;
                }
                var in = decision.getElementsByTagNameNS("*", "inputExpression");
                for (int j = 0; j < in.getLength(); j++) {
                    inputs.add(in.item(j).getTextContent().strip());
                }
                var out = decision.getElementsByTagNameNS("*", "output");
                for (int j = 0; j < out.getLength(); j++) {
                    outputs.add(((Element) out.item(j)).getAttribute("name"));
                }
            }
            return new TableShape(inputs, outputs);
        }
    }

    // ---- decisions of the reviewing leader ----

    /** Approved: production runs the deployment's models from now on; instances already running keep theirs. */
    void approve(String deploymentId, String leader, String note) {
        Release release = require(deploymentId);
        requireOtherThanDeployer(release, leader);
        if (!release.checksPassed()) {
            throw new AuthorizationException("Phiên bản này không qua kiểm tra của bảng quyết định nên không thể phê duyệt");
        }
        int changed = jdbc.update("""
                update lgsp.model_release set state = 'APPROVED', decided_by = ?, decided_at = now(), decision_note = ?
                 where deployment_id = ? and state = 'TESTING'""", leader, note, deploymentId);
        if (changed == 0) {
            throw new IllegalStateException("deployment " + deploymentId + " is not waiting for review");
        }
        for (ProcessDefinition process : repository.createProcessDefinitionQuery().deploymentId(deploymentId).list()) {
            putInProduction(process.getKey(), "PROCESS", process.getId(), process.getVersion(), deploymentId, leader);
            startableByStaff(process.getKey());
        }
        for (DecisionDefinition decision : repository.createDecisionDefinitionQuery().deploymentId(deploymentId).list()) {
            putInProduction(decision.getKey(), "DECISION", decision.getId(), decision.getVersion(), deploymentId, leader);
        }
        journal.append(entry(leader, "model.approved", deploymentId, "00", note == null ? Map.of() : Map.of("note", note)));
    }

    void reject(String deploymentId, String leader, String note) {
        Release release = require(deploymentId);
        requireOtherThanDeployer(release, leader);
        jdbc.update("""
                update lgsp.model_release set state = 'REJECTED', decided_by = ?, decided_at = now(), decision_note = ?
                 where deployment_id = ? and state = 'TESTING'""", leader, note, deploymentId);
        journal.append(entry(leader, "model.rejected", deploymentId, "01", note == null ? Map.of() : Map.of("note", note)));
    }

    /**
     * Production goes back to (or on to) an earlier approved version, or a version the platform
     * deployed itself: a leader's choice, journaled.
     */
    public void reactivate(String kind, String key, int version, String leader) {
        String definitionId;
        String deploymentId;
        if ("PROCESS".equals(kind)) {
            ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .processDefinitionVersion(version).singleResult();
            if (process == null) {
                throw new IllegalArgumentException("no version " + version + " of process " + key);
            }
            definitionId = process.getId();
            deploymentId = process.getDeploymentId();
        } else {
            DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                    .decisionDefinitionVersion(version).singleResult();
            if (decision == null) {
                throw new IllegalArgumentException("no version " + version + " of decision " + key);
            }
            definitionId = decision.getId();
            deploymentId = decision.getDeploymentId();
        }
        Optional<Release> release = find(deploymentId);
        if (release.isPresent() && release.get().state() != State.APPROVED) {
            throw new IllegalArgumentException("version " + version + " of " + key + " was never approved for production");
        }
        putInProduction(key, kind, definitionId, version, deploymentId, leader);
        journal.append(entry(leader, "model.reactivated", kind.toLowerCase() + ":" + key + ":" + version, "00", Map.of()));
    }

    /**
     * Agencies' staff may start an approved procedure from Tasklist; the case's own start checks
     * that they work for its owning agency and start the version in production.
     */
    private void startableByStaff(String key) {
        Runnable grant = () -> {
            if (authorizations.createAuthorizationQuery().groupIdIn(STAFF).resourceType(Resources.PROCESS_DEFINITION)
                    .resourceId(key).count() > 0) {
                return;
            }
            Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(STAFF);
            authorization.setResource(Resources.PROCESS_DEFINITION);
            authorization.setResourceId(key);
            authorization.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
            authorizations.saveAuthorization(authorization);
        };
        var command = org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        if (command == null) {
            grant.run();
        } else {
            command.runWithoutAuthorization(() -> {
                grant.run();
                return null;
            });
        }
    }

    private void putInProduction(String key, String kind, String definitionId, int version, String deploymentId,
                                 String by) {
        jdbc.update("""
                insert into lgsp.model_in_production (model_key, kind, definition_id, version, deployment_id, since, set_by)
                values (?, ?, ?, ?, ?, now(), ?)
                on conflict (model_key, kind) do update set definition_id = excluded.definition_id,
                    version = excluded.version, deployment_id = excluded.deployment_id, since = excluded.since,
                    set_by = excluded.set_by""", key, kind, definitionId, version, deploymentId, by);
        decisionVersions.remove(key);
    }

    private static void requireOtherThanDeployer(Release release, String leader) {
        if (leader == null || leader.equals(release.deployedBy())) {
            throw new AuthorizationException("Người triển khai mô hình không tự phê duyệt mô hình của mình (bốn mắt); "
                    + "một lãnh đạo khác của Sở KH&CN phê duyệt");
        }
    }

    // ---- which version runs ----

    /**
     * The version of a decision table that production evaluates: the one DOST last put in
     * production (approval, reactivation) unless the platform deployed a newer release of its own
     * since; read from a 5-second cache so that routing stays off the database.
     */
    public int productionVersion(String decisionKey) {
        long now = System.currentTimeMillis();
        Cached cached = decisionVersions.get(decisionKey);
        if (cached != null && cached.until() > now) {
            return cached.version();
        }
        int version = resolveDecision(decisionKey);
        decisionVersions.put(decisionKey, new Cached(version, now + CACHE_MILLIS));
        return version;
    }

    private int resolveDecision(String key) {
        record Pointer(int version, Instant since) {
        }
        Optional<Pointer> pointer = jdbc.query("select version, since from lgsp.model_in_production where model_key = ? and kind = 'DECISION'",
                (rs, n) -> new Pointer(rs.getInt(1), rs.getTimestamp(2).toInstant()), key).stream().findFirst();
        Set<String> reviewed = reviewedDeployments();
        Optional<DecisionDefinition> platformLatest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .orderByDecisionDefinitionVersion().desc().list().stream()
                .filter(d -> !reviewed.contains(d.getDeploymentId())).findFirst();
        if (pointer.isEmpty()) {
            return platformLatest.map(DecisionDefinition::getVersion)
                    .orElseThrow(() -> new IllegalStateException("no version of decision " + key + " may run in production"));
        }
        if (platformLatest.isPresent() && platformLatest.get().getVersion() > pointer.get().version()) {
            Deployment deployment = repository.createDeploymentQuery().deploymentId(platformLatest.get().getDeploymentId())
                    .singleResult();
            if (deployment.getDeploymentTime().toInstant().isAfter(pointer.get().since())) {
                return platformLatest.get().getVersion();
            }
        }
        return pointer.get().version();
    }

    private Set<String> reviewedDeployments() {
        return Set.copyOf(jdbc.queryForList("select deployment_id from lgsp.model_release", String.class));
    }

    /** The version of a procedure that production cases start: only one a leader approved. */
    public Optional<ProcessDefinition> productionProcess(String key) {
        return jdbc.queryForList("select definition_id from lgsp.model_in_production where model_key = ? and kind = 'PROCESS'",
                        String.class, key).stream().findFirst()
                .map(id -> repository.createProcessDefinitionQuery().processDefinitionId(id).singleResult());
    }

    /** The version test cases start: the newest deployed for review and not refused. */
    public Optional<ProcessDefinition> testingProcess(String key) {
        List<String> usable = jdbc.queryForList(
                "select deployment_id from lgsp.model_release where state in ('TESTING', 'APPROVED')", String.class);
        return repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list().stream()
                .filter(p -> usable.contains(p.getDeploymentId())).findFirst();
    }

    public Optional<Release> find(String deploymentId) {
        return jdbc.query("""
                select deployment_id, deployment_name, deployed_by, deployed_at, state, summary, checks_passed,
                       review_instance, decided_by, decided_at, decision_note
                  from lgsp.model_release where deployment_id = ?""", (rs, n) -> new Release(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), State.valueOf(rs.getString(5)),
                read(rs.getString(6)), rs.getBoolean(7), rs.getString(8), rs.getString(9),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11)), deploymentId)
                .stream().findFirst();
    }

    private Release require(String deploymentId) {
        return find(deploymentId).orElseThrow(() -> new IllegalArgumentException("no deployment " + deploymentId + " under review"));
    }

    private static AuditEntry entry(String actor, String action, String target, String outcome, Map<String, Object> details) {
        return new AuditEntry(Instant.now(), AuditEntry.ActorKind.STAFF, actor, null, action, target, outcome, null, details);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine answers null, not an empty list, for a kind of definition a deployment has none of. */
    private static <T> List<T> orEmpty(List<T> definitions) {
        return definitions == null ? List.of() : definitions;
    }
}
