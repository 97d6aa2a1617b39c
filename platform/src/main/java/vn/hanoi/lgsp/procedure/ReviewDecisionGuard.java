package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.ReplayableRequest;

/**
 * A leader's decision on an analyst's deployment answered as the {@code 01} refusal it is (403)
 * when it cannot stand: the deployer deciding on their own deployment, or approving a version
 * that failed its decision table's test cases. The task's own listener ({@link ReleaseSteps})
 * enforces the same on every path; this gives Tasklist and engine REST a clear answer.
 */
final class ReviewDecisionGuard extends OncePerRequestFilter {

    private static final Pattern TASK_CALL = Pattern.compile(
            "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(complete|submit-form)");

    private final TaskService tasks;
    private final RepositoryService repository;
    private final ModelReleases releases;
    private final EnvelopeWriter envelopes;
    private final ObjectMapper json = new ObjectMapper();

    ReviewDecisionGuard(TaskService tasks, RepositoryService repository, ModelReleases releases, EnvelopeWriter envelopes) {
        this.tasks = tasks;
        this.repository = repository;
        this.releases = releases;
        this.envelopes = envelopes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Matcher call = TASK_CALL.matcher(path);
        if (!"POST".equals(request.getMethod()) || !call.matches()) {
            chain.doFilter(request, response);
            return;
        }
        Task task = tasks.createTaskQuery().taskId(call.group(1)).singleResult();
        if (task == null || !ModelReleases.REVIEW_PROCESS.equals(repository.getProcessDefinition(
                task.getProcessDefinitionId()).getKey())) {
            chain.doFilter(request, response);
            return;
        }
        ReplayableRequest replayable;
        try {
            replayable = ReplayableRequest.of(request, 1024 * 1024);
        } catch (ReplayableRequest.TooLarge e) {
            envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "A task's form is at most 1 MB");
            return;
        }
        String deployment = (String) tasks.getVariable(task.getId(), "deploymentId");
        var release = releases.find(deployment);
        String user = AgencyCaller.of(SecurityContextHolder.getContext().getAuthentication()).name();
        if (release.isPresent() && release.get().deployedBy().equals(user)) {
            envelopes.write(request, response, ErrorCode.FORBIDDEN, "Người triển khai mô hình không tự quyết định về mô hình"
                    + " của mình (bốn mắt): một lãnh đạo khác của Sở KH&CN phê duyệt");
            return;
        }
        JsonNode body = replayable.body().length == 0 ? null : json.readTree(replayable.body());
        boolean approving = body != null && "APPROVE".equals(body.path("variables").path("decision").path("value").asText());
        if (approving && release.isPresent() && !release.get().checksPassed()) {
            envelopes.write(request, response, ErrorCode.FORBIDDEN, "Phiên bản này không qua kiểm tra của bảng quyết định"
                    + " (đầu vào, đầu ra hoặc ca kiểm thử) nên không thể phê duyệt; xem nội dung công việc");
            return;
        }
        chain.doFilter(replayable, response);
    }
}
