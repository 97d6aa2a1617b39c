package vn.hanoi.lgsp.workers;

import java.util.Map;
import org.camunda.bpm.client.exception.BadRequestException;
import org.camunda.bpm.client.exception.ConnectionLostException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's report to the engine (complete, failure, BPMN error, lock) that survives an engine
 * node going away under it: an engine node drains on stop and closes the connection the report
 * was on, so the report is sent again — through the load balancer, to a node still running —
 * instead of waiting a whole lock duration for the task to come back. When the first attempt did
 * reach the engine before the connection dropped, the repeat finds the task gone (404) or no
 * longer locked by this worker (400): the report was made, and that is the answer.
 */
final class SteadyTaskService implements ExternalTaskService {

    private static final Logger log = LoggerFactory.getLogger(SteadyTaskService.class);
    /** Pauses before the repeats: an engine node's restart, or the load balancer noticing it gone. */
    static final long[] PAUSES_MILLIS = {500, 1_000, 2_000, 4_000};

    private final ExternalTaskService engine;

    SteadyTaskService(ExternalTaskService engine) {
        this.engine = engine;
    }

    private interface Report {
        void send();
    }

    private void steadily(String what, String taskId, Report report) {
        for (int attempt = 0; ; attempt++) {
            try {
                report.send();
                return;
            } catch (ConnectionLostException lost) {
                if (attempt >= PAUSES_MILLIS.length) {
                    throw lost;
                }
                log.info("The engine closed the connection while task {} reported {}; reporting again", taskId, what);
                pause(PAUSES_MILLIS[attempt]);
            } catch (NotFoundException | BadRequestException gone) {
                if (attempt == 0) {
                    throw gone;
                }
                // the lost attempt had reached the engine: the task was completed (or released) then
                log.info("Task {}: {} had reached the engine before its connection closed", taskId, what);
                return;
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reporting to the engine", e);
        }
    }

    @Override
    public void lock(String externalTaskId, long lockDuration) {
        steadily("a lock", externalTaskId, () -> engine.lock(externalTaskId, lockDuration));
    }

    @Override
    public void lock(ExternalTask externalTask, long lockDuration) {
        steadily("a lock", externalTask.getId(), () -> engine.lock(externalTask, lockDuration));
    }

    @Override
    public void unlock(ExternalTask externalTask) {
        steadily("an unlock", externalTask.getId(), () -> engine.unlock(externalTask));
    }

    @Override
    public void complete(ExternalTask externalTask) {
        steadily("its completion", externalTask.getId(), () -> engine.complete(externalTask));
    }

    @Override
    public void setVariables(String processInstanceId, Map<String, Object> variables) {
        steadily("variables", processInstanceId, () -> engine.setVariables(processInstanceId, variables));
    }

    @Override
    public void setVariables(ExternalTask externalTask, Map<String, Object> variables) {
        steadily("variables", externalTask.getId(), () -> engine.setVariables(externalTask, variables));
    }

    @Override
    public void complete(ExternalTask externalTask, Map<String, Object> variables) {
        steadily("its completion", externalTask.getId(), () -> engine.complete(externalTask, variables));
    }

    @Override
    public void complete(ExternalTask externalTask, Map<String, Object> variables, Map<String, Object> localVariables) {
        steadily("its completion", externalTask.getId(), () -> engine.complete(externalTask, variables, localVariables));
    }

    @Override
    public void complete(String externalTaskId, Map<String, Object> variables, Map<String, Object> localVariables) {
        steadily("its completion", externalTaskId, () -> engine.complete(externalTaskId, variables, localVariables));
    }

    @Override
    public void handleFailure(ExternalTask externalTask, String errorMessage, String errorDetails, int retries,
                              long retryTimeout) {
        steadily("a failure", externalTask.getId(),
                () -> engine.handleFailure(externalTask, errorMessage, errorDetails, retries, retryTimeout));
    }

    @Override
    public void handleFailure(String externalTaskId, String errorMessage, String errorDetails, int retries,
                              long retryTimeout) {
        steadily("a failure", externalTaskId,
                () -> engine.handleFailure(externalTaskId, errorMessage, errorDetails, retries, retryTimeout));
    }

    @Override
    public void handleFailure(String externalTaskId, String errorMessage, String errorDetails, int retries,
                              long retryTimeout, Map<String, Object> variables, Map<String, Object> localVariables) {
        steadily("a failure", externalTaskId, () -> engine.handleFailure(externalTaskId, errorMessage, errorDetails,
                retries, retryTimeout, variables, localVariables));
    }

    @Override
    public void handleBpmnError(ExternalTask externalTask, String errorCode) {
        steadily("a BPMN error", externalTask.getId(), () -> engine.handleBpmnError(externalTask, errorCode));
    }

    @Override
    public void handleBpmnError(ExternalTask externalTask, String errorCode, String errorMessage) {
        steadily("a BPMN error", externalTask.getId(), () -> engine.handleBpmnError(externalTask, errorCode, errorMessage));
    }

    @Override
    public void handleBpmnError(ExternalTask externalTask, String errorCode, String errorMessage,
                                Map<String, Object> variables) {
        steadily("a BPMN error", externalTask.getId(),
                () -> engine.handleBpmnError(externalTask, errorCode, errorMessage, variables));
    }

    @Override
    public void handleBpmnError(String externalTaskId, String errorCode, String errorMessage,
                                Map<String, Object> variables) {
        steadily("a BPMN error", externalTaskId,
                () -> engine.handleBpmnError(externalTaskId, errorCode, errorMessage, variables));
    }

    @Override
    public void extendLock(ExternalTask externalTask, long newDuration) {
        steadily("a longer lock", externalTask.getId(), () -> engine.extendLock(externalTask, newDuration));
    }

    @Override
    public void extendLock(String externalTaskId, long newDuration) {
        steadily("a longer lock", externalTaskId, () -> engine.extendLock(externalTaskId, newDuration));
    }
}
