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

    /**
     * The platform itself failed (see {@link PlatformApi.Unavailable}): the task comes back
     * after a short pause with the attempts it had, so an engine node's restart never uses up
     * a delivery's attempts and never ends in an incident.
     */
    static void handBack(ExternalTask task, ExternalTaskService service, RetryPolicy retry, String reason) {
        java.util.Date created = task.getCreateTime();
        if (created == null || created.toInstant().plus(PLATFORM_OUTAGE_BUDGET).isBefore(java.time.Instant.now())) {
            // out for longer than any restart takes: count it, so a lasting fault ends in an incident
            retryOrGiveUp(task, service, retry, reason + " (for more than " + PLATFORM_OUTAGE_BUDGET.toMinutes()
                    + " minutes)", null);
            return;
        }
        int unchanged = task.getRetries() == null ? retry.maxAttempts() : task.getRetries();
        long pause = Math.min(PLATFORM_PAUSE_MAX_MILLIS, Math.max(1000, retry.backoffMillis()));
        service.handleFailure(task, reason, null, unchanged, pause);
    }

    private static final long PLATFORM_PAUSE_MAX_MILLIS = 30_000;
    /** How long since the task was created hand-backs go on before attempts count again. */
    static final java.time.Duration PLATFORM_OUTAGE_BUDGET = java.time.Duration.ofHours(1);
}
