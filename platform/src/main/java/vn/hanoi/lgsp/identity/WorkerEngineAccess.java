package vn.hanoi.lgsp.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import vn.hanoi.lgsp.contract.ReplayableRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;

/**
 * What the workers' identity may ask of the engine's REST API: fetch-and-lock of its own topics,
 * and complete, fail, raise a BPMN error on, extend or unlock the external tasks of those topics.
 * Every other call (message correlation, process instances, variables, deployments) is refused
 * before the engine sees it; Camunda's authorizations then narrow it to the processes that use
 * those topics ({@link CamundaAccess}).
 */
final class WorkerEngineAccess {

    /** A call the workers may not make, with the reason given to them. */
    record Refusal(int status, String reason) {
    }

    private static final Pattern TASK_CALL =
            Pattern.compile("/external-task/([A-Za-z0-9-]{1,64})/(complete|failure|bpmnError|extendLock|unlock)");
    private static final int MAX_BODY = 256 * 1024;

    private final WorkerTopics topics;
    private final ExternalTaskService externalTasks;
    private final ObjectMapper json = new ObjectMapper();

    WorkerEngineAccess(WorkerTopics topics, ExternalTaskService externalTasks) {
        this.topics = topics;
        this.externalTasks = externalTasks;
    }

    /**
     * @param path the decoded path inside the engine REST API, e.g. {@code /external-task/fetchAndLock}
     * @return the request to pass on (its body may have been read), or a refusal
     */
    Object check(HttpServletRequest request, String path) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            return new Refusal(403, "The workers' identity may only fetch and complete its own external tasks");
        }
        ReplayableRequest replayable;
        try {
            replayable = ReplayableRequest.of(request, MAX_BODY);
        } catch (ReplayableRequest.TooLarge e) {
            return new Refusal(413, "A worker's call to the engine is larger than " + MAX_BODY + " bytes");
        }
        if ("/external-task/fetchAndLock".equals(path)) {
            List<String> asked = topicsAskedFor(replayable.body());
            List<String> foreign = asked.stream().filter(t -> !topics.serves(t)).toList();
            if (asked.isEmpty() || !foreign.isEmpty()) {
                return new Refusal(403, "The workers' identity serves only the topics " + topics.topics()
                        + (foreign.isEmpty() ? "" : "; refused: " + foreign));
            }
            return replayable;
        }
        Matcher call = TASK_CALL.matcher(path);
        if (call.matches()) {
            ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(call.group(1)).singleResult();
            // an unknown task is the engine's 404 to give; a task of another topic is not the workers' business
            if (task != null && !topics.serves(task.getTopicName())) {
                return new Refusal(403, "External task " + call.group(1) + " is not one of the workers' topics");
            }
            return replayable;
        }
        return new Refusal(403, "The workers' identity may only fetch and complete its own external tasks");
    }

    private List<String> topicsAskedFor(byte[] body) {
        List<String> asked = new ArrayList<>();
        try {
            JsonNode request = json.readTree(body);
            JsonNode topicList = request == null ? null : request.path("topics");
            if (topicList == null || !topicList.isArray()) {
                return asked;
            }
            for (JsonNode topic : topicList) {
                asked.add(topic.path("topicName").asText(null));
            }
        } catch (IOException e) {
            asked.add("(unreadable request)");
        }
        return asked;
    }
}
