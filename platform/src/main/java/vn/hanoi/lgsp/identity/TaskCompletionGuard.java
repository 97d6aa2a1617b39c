package vn.hanoi.lgsp.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import vn.hanoi.lgsp.contract.ReplayableRequest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * A user task is completed with the fields of its own form and nothing else: a reviewer cannot
 * set {@code leaderApproval}, nor anyone a variable the model did not ask them for. Holds for
 * Tasklist (the web apps' engine API) and Camunda's REST API alike. Task variables are not
 * written directly at all: what staff decide goes through the form, and the form is journaled.
 */
final class TaskCompletionGuard extends OncePerRequestFilter {

    private static final Pattern TASK_CALL = Pattern.compile(
            "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(complete|submit-form|resolve|variables|localVariables)(/.*)?");
    /** Starting a process: by key or id, through engine REST or the web apps' engine API. */
    private static final Pattern START_CALL = Pattern.compile(
            "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/process-definition/(?:key/[^/]+(?:/tenant-id/[^/]+)?|[^/]+)"
                    + "/(start|submit-form)");
    private static final int MAX_BODY = 1024 * 1024;

    private final TaskService tasks;
    private final FormService forms;
    private final IdentityService identity;
    private final EnvelopeWriter envelopes;
    private final ObjectMapper json = new ObjectMapper();

    TaskCompletionGuard(TaskService tasks, FormService forms, IdentityService identity, EnvelopeWriter envelopes) {
        this.tasks = tasks;
        this.forms = forms;
        this.identity = identity;
        this.envelopes = envelopes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (START_CALL.matcher(path).matches() && "POST".equals(request.getMethod())) {
            guardStart(request, response, chain);
            return;
        }
        Matcher call = TASK_CALL.matcher(path);
        if (!call.matches() || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String action = call.group(2);
        if (action.equals("variables") || action.equals("localVariables")) {
            envelopes.write(request, response, ErrorCode.FORBIDDEN,
                    "A task's variables are set only by completing it with its form");
            return;
        }
        ReplayableRequest replayable;
        try {
            replayable = ReplayableRequest.of(request, MAX_BODY);
        } catch (ReplayableRequest.TooLarge e) {
            envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "A task's form is at most 1 MB");
            return;
        }
        Set<String> submitted;
        try {
            submitted = submittedVariables(replayable.body());
        } catch (IOException e) {
            envelopes.write(request, response, ErrorCode.VALIDATION_FAILED, "The body is not a JSON object with variables");
            return;
        }
        if (!submitted.isEmpty()) {
            Set<String> allowed = formFieldsOf(call.group(1));
            if (allowed != null) {
                List<String> foreign = submitted.stream().filter(v -> !allowed.contains(v)).toList();
                if (!foreign.isEmpty()) {
                    envelopes.write(request, response, ErrorCode.VALIDATION_FAILED,
                            "This task's form has no field " + String.join(", ", foreign)
                                    + "; only its fields can be submitted: " + (allowed.isEmpty() ? "none" : allowed));
                    return;
                }
            }
        }
        chain.doFilter(replayable, response);
    }

    /**
     * A process starts at its start event with its listeners: start instructions (begin at any
     * activity) and skipping listeners or mappings would pass by the start form's checks, so they
     * are refused; moving running instances is Cockpit's, for Camunda admins.
     */
    private void guardStart(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ReplayableRequest replayable;
        try {
            replayable = ReplayableRequest.of(request, MAX_BODY);
        } catch (ReplayableRequest.TooLarge e) {
            envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "A start form is at most 1 MB");
            return;
        }
        JsonNode body;
        try {
            body = replayable.body().length == 0 ? null : json.readTree(replayable.body());
        } catch (IOException e) {
            envelopes.write(request, response, ErrorCode.VALIDATION_FAILED, "The body is not a JSON object");
            return;
        }
        if (body != null && body.isObject() && (body.path("startInstructions").size() > 0
                || body.path("skipCustomListeners").asBoolean(false) || body.path("skipIoMappings").asBoolean(false))) {
            envelopes.write(request, response, ErrorCode.FORBIDDEN, "A process starts at its start event with its "
                    + "checks: startInstructions, skipCustomListeners and skipIoMappings are not accepted");
            return;
        }
        chain.doFilter(replayable, response);
    }

    private Set<String> submittedVariables(byte[] body) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (body.length == 0) {
            return names;
        }
        JsonNode request = json.readTree(body);
        if (request == null || request.isNull()) {
            return names;
        }
        if (!request.isObject()) {
            throw new IOException("not an object");
        }
        for (String part : List.of("variables", "modifications")) {
            request.path(part).fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** The editable fields of the task's form; null when there is no such task (the engine answers 404). */
    private Set<String> formFieldsOf(String taskId) throws IOException {
        // read as the engine itself: the check must not depend on what the caller may read
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                return null;
            }
            Set<String> fields = new LinkedHashSet<>();
            TaskFormData formData = forms.getTaskFormData(taskId);
            if (formData.getCamundaFormRef() != null) {
                try (InputStream form = forms.getDeployedTaskForm(taskId)) {
                    collectEditableKeys(json.readTree(form), fields);
                }
            } else {
                for (FormField field : formData.getFormFields()) {
                    fields.add(field.getId());
                }
            }
            return fields;
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    /** Keys of a Camunda Form's input fields that the user can change (disabled and read-only ones are shown, not sent). */
    private static void collectEditableKeys(JsonNode component, Set<String> keys) {
        List<JsonNode> children = new ArrayList<>();
        component.path("components").forEach(children::add);
        for (JsonNode child : children) {
            boolean editable = child.hasNonNull("key") && !"button".equals(child.path("type").asText())
                    && !child.path("disabled").asBoolean(false) && !child.path("readonly").asBoolean(false);
            if (editable) {
                keys.add(child.get("key").asText());
            }
            collectEditableKeys(child, keys);
        }
    }
}
