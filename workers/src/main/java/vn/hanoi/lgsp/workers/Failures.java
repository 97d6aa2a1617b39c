package vn.hanoi.lgsp.workers;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/** The shared way a worker reacts to a failed call: back off and retry, then give up on the model's error path. */
final class Failures {

    private Failures() {
    }

    /**
     * Retries with backoff while attempts remain; after the last one throws the BPMN error,
     * or, without one, leaves the task to the engine's incident handling.
     */
    static void retryOrGiveUp(ExternalTask task, ExternalTaskService service, RetryPolicy retry, String reason,
                              String bpmnError) {
        if (retry.lastAttempt(task) && bpmnError != null) {
            service.handleBpmnError(task, bpmnError, "gave up after " + retry.maxAttempts() + " attempts: " + reason);
            return;
        }
        int left = retry.lastAttempt(task) ? 0 : retry.retriesLeftAfter(task);
        service.handleFailure(task, reason, null, left, retry.backoffAfter(task));
    }
}
