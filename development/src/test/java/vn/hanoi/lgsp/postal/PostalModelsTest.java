package vn.hanoi.lgsp.postal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess;

/**
 * The postal models against their contract (style: one contract per process): every topic the
 * models call is a contract topic with an element template in {@code modeler/} and is served by
 * the workers' identity by default; messages and errors are the contract's.
 */
class PostalModelsTest {

    @Test
    void everyTopicMessageAndErrorOfThePostalPathsIsTheContracts() throws IOException {
        BpmnModelInstance postal = Bpmn.readModelFromFile(Path.of("processes", "postal-return.bpmn").toFile());
        BpmnModelInstance exchange = Bpmn.readModelFromFile(Path.of("processes", "record-exchange.bpmn").toFile());
        Set<String> contractTopics = constants(PostalProcess.Topics.class);
        contractTopics.addAll(constants(RecordExchangeProcess.Topics.class));

        Set<String> postalTopics = topics(postal);
        assertThat(postalTopics).containsExactlyInAnyOrder(PostalProcess.Topics.ORDER, PostalProcess.Topics.NOTIFY_STATUS);
        assertThat(topics(exchange)).contains(PostalProcess.Topics.REPORT_RECEIPT);
        ObjectMapper json = new ObjectMapper();
        for (String topic : contractTopics) {
            Path template = Path.of("modeler", topic + ".json");
            assertThat(template).as("element template of " + topic).exists();
            JsonNode properties = json.readTree(Files.readString(template)).get(0).path("properties");
            assertThat(properties.findValuesAsText("value")).as("template " + template).contains(topic);
        }
        assertThat(postal.getModelElementsByType(Message.class)).extracting(Message::getName)
                .containsExactly(PostalProcess.Messages.STATUS_REPORTED);
        assertThat(postal.getModelElementsByType(Error.class)).extracting(Error::getErrorCode)
                .containsExactly(PostalProcess.Errors.ORDER_REFUSED);
    }

    private static Set<String> topics(BpmnModelInstance model) {
        return model.getModelElementsByType(ServiceTask.class).stream().map(ServiceTask::getCamundaTopic)
                .filter(t -> t != null).collect(Collectors.toSet());
    }

    private static Set<String> constants(Class<?> type) {
        return Arrays.stream(type.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.toSet());
    }
}
