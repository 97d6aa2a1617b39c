package vn.hanoi.lgsp.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.workercontract.ServedTopics;

/**
 * The external-task topics the workers' identity serves, and nothing else. A model an analyst
 * changes in Modeler gets the workers' access once it uses one of these topics.
 */
@Component
class WorkerTopics {

    /**
     * @param workerTopics the only external-task topics the workers' identity may fetch and
     *                     complete; empty: the record-exchange and postal contracts' topics
     */
    @ConfigurationProperties("lgsp.engine")
    record Settings(@DefaultValue List<String> workerTopics) {
    }

    private final Set<String> topics;

    WorkerTopics(Settings settings) {
        List<String> named = settings.workerTopics().stream().filter(t -> !t.isBlank()).toList();
        this.topics = Set.copyOf(named.isEmpty() ? ServedTopics.ALL : named);
    }

    boolean serves(String topic) {
        return topic != null && topics.contains(topic);
    }

    Set<String> topics() {
        return topics;
    }

    /** Keys of the deployed processes (latest versions) with an external task on one of the topics. */
    Set<String> processesServed(RepositoryService repository) {
        Set<String> keys = new LinkedHashSet<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            var model = repository.getBpmnModelInstance(definition.getId());
            boolean served = model.getModelElementsByType(ServiceTask.class).stream()
                    .anyMatch(t -> "external".equals(t.getCamundaType()) && serves(t.getCamundaTopic()))
                    || model.getModelElementsByType(SendTask.class).stream()
                    .anyMatch(t -> "external".equals(t.getCamundaType()) && serves(t.getCamundaTopic()));
            if (served) {
                keys.add(definition.getKey());
            }
        }
        return keys;
    }
}
