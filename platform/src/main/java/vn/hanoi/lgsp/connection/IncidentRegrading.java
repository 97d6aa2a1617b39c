package vn.hanoi.lgsp.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.decision.DecisionVersions;
import vn.hanoi.lgsp.notification.Mailer;
import vn.hanoi.lgsp.notification.Recipients;

/**
 * Grades every open incident again while it lasts (Đ12): the {@code incident-severity} table
 * weighs how long it has lasted, which is nothing when the incident is first graded. A grade
 * only rises while the incident is open; who the new grade says must know is told once.
 */
@Component
class IncidentRegrading {

    private static final Logger log = LoggerFactory.getLogger(IncidentRegrading.class);
    private static final List<String> RANK = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    static final Duration EVERY = Duration.ofMinutes(5);

    private final Incidents incidents;
    private final RuntimeService runtime;
    private final DecisionService decisions;
    private final DecisionVersions versions;
    private final Mailer mailer;
    private final ClusterJobs jobs;

    IncidentRegrading(Incidents incidents, RuntimeService runtime, DecisionService decisions, DecisionVersions versions,
                      Mailer mailer, ClusterJobs jobs) {
        this.incidents = incidents;
        this.runtime = runtime;
        this.decisions = decisions;
        this.versions = versions;
        this.mailer = mailer;
        this.jobs = jobs;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    void regradeNow() {
        if (!jobs.claim("incident-regrading", EVERY)) {
            return;
        }
        try {
            regrade(Instant.now());
        } catch (RuntimeException e) {
            log.error("Open incidents could not be graded again; next round in {}", EVERY, e);
        }
    }

    /** Grades each open incident at {@code now}; returns how many rose. */
    int regrade(Instant now) {
        int raised = 0;
        for (Incidents.Incident incident : incidents.open()) {
            ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
                    .processInstanceBusinessKey(incident.id().toString()).active().singleResult();
            if (instance == null || incident.severity() == null) {
                continue; // not yet graded the first time
            }
            int minutes = (int) Duration.between(incident.openedAt(), now).toMinutes();
            Map<String, Object> variables = new HashMap<>(runtime.getVariables(instance.getId(),
                    List.of("kind", "consumers", "sensitiveData", "agencyName", "consumerCodes")));
            variables.put("durationMinutes", minutes);
            DmnDecisionRuleResult grade = decisions.evaluateDecisionTableByKeyAndVersion(IncidentProcess.SEVERITY_DECISION,
                    versions.productionVersion(IncidentProcess.SEVERITY_DECISION), variables).getSingleResult();
            String severity = (String) grade.get("severity");
            if (RANK.indexOf(severity) <= RANK.indexOf(incident.severity()) || !incidents.graded(incident.id(), severity)) {
                continue;
            }
            raised++;
            runtime.setVariable(instance.getId(), "severity", severity);
            runtime.setVariable(instance.getId(), "durationMinutes", minutes);
            Recipients to = Recipients.staffGroup("dost-operators");
            if (Boolean.TRUE.equals(grade.get("notifySupervisors"))) {
                runtime.setVariable(instance.getId(), "notifySupervisors", true);
                to = to.and(Recipients.staffGroup("supervisors"));
            }
            if (Boolean.TRUE.equals(grade.get("notifyConsumers")) && variables.get("consumerCodes") instanceof List<?> codes) {
                runtime.setVariable(instance.getId(), "notifyConsumers", true);
                to = to.and(Recipients.agencies(codes.stream().map(String::valueOf).toList()));
            }
            List<String> told = mailer.send("connection/incident-regraded", to, "agency", incident.agencyCode(),
                    "agencyName", variables.get("agencyName"), "severity", severity, "previous", incident.severity(),
                    "minutes", minutes, "openedAt", incident.openedAt(), "detail", incident.detail());
            incidents.log(incident.id(), "lgsp", "graded again after " + minutes + " minutes: " + severity + " (was "
                    + incident.severity() + "); told " + told);
        }
        return raised;
    }
}
