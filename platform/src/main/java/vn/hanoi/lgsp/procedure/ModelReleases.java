package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;

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

    public enum State { TESTING, APPROVED, REJECTED }

    /** A deployment an analyst made, as the reviewing leader sees it. */
    public record Release(String deploymentId, String name, String deployedBy, Instant deployedAt, State state,
                          JsonNode summary, boolean checksPassed, String reviewInstance, String decidedBy,
                          Instant decidedAt, String note) {
    }

    private static final String STAFF = "agency-staff";

    private final JdbcTemplate jdbc;
    private final org.camunda.bpm.engine.AuthorizationService authorizations;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final PlatformModels platform;
    private final ProductionVersions production;
    private final ReleaseSummary summaries;
    private final PlatformDecisionCheck decisionCheck;
    private final AuditJournal journal;
    private final ObjectMapper json;

    ModelReleases(JdbcTemplate jdbc, org.camunda.bpm.engine.AuthorizationService authorizations,
                  RepositoryService repository, RuntimeService runtime, PlatformModels platform,
                  ProductionVersions production, ReleaseSummary summaries, PlatformDecisionCheck decisionCheck,
                  AuditJournal journal, ObjectMapper json) {
        this.jdbc = jdbc;
        this.authorizations = authorizations;
        this.repository = repository;
        this.runtime = runtime;
        this.platform = platform;
        this.production = production;
        this.summaries = summaries;
        this.decisionCheck = decisionCheck;
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
            processes.add(summaries.describeProcess(process, model, lines));
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
                List<String> problems = decisionCheck.check(decision, resources.get(decision.getResourceName()), checks);
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
            production.put(process.getKey(), "PROCESS", process.getId(), process.getVersion(), deploymentId, leader);
            startableByStaff(process.getKey());
        }
        for (DecisionDefinition decision : repository.createDecisionDefinitionQuery().deploymentId(deploymentId).list()) {
            production.put(decision.getKey(), "DECISION", decision.getId(), decision.getVersion(), deploymentId, leader);
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
        production.put(key, kind, definitionId, version, deploymentId, leader);
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

    private static void requireOtherThanDeployer(Release release, String leader) {
        if (leader == null || leader.equals(release.deployedBy())) {
            throw new AuthorizationException("Người triển khai mô hình không tự phê duyệt mô hình của mình (bốn mắt); "
                    + "một lãnh đạo khác của Sở KH&CN phê duyệt");
        }
    }

    // ---- which version runs ----

    /**
     * The version of a decision table that production evaluates (the platform's models ask for it
     * in {@code camunda:decisionRefVersion}); see {@link ProductionVersions#decision}.
     */
    public int productionVersion(String decisionKey) {
        return production.decision(decisionKey);
    }

    /** The version of a procedure that production cases start: only one a leader approved. */
    public Optional<ProcessDefinition> productionProcess(String key) {
        return production.process(key);
    }

    /** The version test cases start: the newest deployed for review and not refused. */
    public Optional<ProcessDefinition> testingProcess(String key) {
        return production.testingProcess(key);
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
