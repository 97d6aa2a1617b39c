package vn.hanoi.lgsp.procedure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which version of each model runs: the one DOST put in production, the one test cases start,
 * and the pointer that approval and reactivation move.
 */
@Component
class ProductionVersions {

    /** How long a node keeps the production version of a decision before reading it again. */
    private static final long CACHE_MILLIS = 5_000;

    private final JdbcTemplate jdbc;
    private final RepositoryService repository;
    private final Map<String, Cached> decisionVersions = new ConcurrentHashMap<>();

    private record Cached(int version, long until) {
    }

    ProductionVersions(JdbcTemplate jdbc, RepositoryService repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    /**
     * The version of a decision table that production evaluates: the one DOST last put in
     * production (approval, reactivation) unless the platform deployed a newer release of its own
     * since; read from a 5-second cache so that routing stays off the database.
     */
    int decision(String decisionKey) {
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
    Optional<ProcessDefinition> process(String key) {
        return jdbc.queryForList("select definition_id from lgsp.model_in_production where model_key = ? and kind = 'PROCESS'",
                        String.class, key).stream().findFirst()
                .map(id -> repository.createProcessDefinitionQuery().processDefinitionId(id).singleResult());
    }

    /** The version test cases start: the newest deployed for review and not refused. */
    Optional<ProcessDefinition> testingProcess(String key) {
        List<String> usable = jdbc.queryForList(
                "select deployment_id from lgsp.model_release where state in ('TESTING', 'APPROVED')", String.class);
        return repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list().stream()
                .filter(p -> usable.contains(p.getDeploymentId())).findFirst();
    }

    /** Production runs this version of the model from now on. */
    void put(String key, String kind, String definitionId, int version, String deploymentId, String by) {
        jdbc.update("""
                insert into lgsp.model_in_production (model_key, kind, definition_id, version, deployment_id, since, set_by)
                values (?, ?, ?, ?, ?, now(), ?)
                on conflict (model_key, kind) do update set definition_id = excluded.definition_id,
                    version = excluded.version, deployment_id = excluded.deployment_id, since = excluded.since,
                    set_by = excluded.set_by""", key, kind, definitionId, version, deploymentId, by);
        decisionVersions.remove(key);
    }
}
