package vn.hanoi.lgsp.workers;

import org.camunda.bpm.client.task.ExternalTask;

/**
 * Attempts with exponential backoff, as the routing table set them for the exchange
 * ({@code maxAttempts}, {@code retryBackoffSeconds}). The engine keeps the count in the
 * task's retries, so a restarted worker carries on where the last one stopped.
 */
record RetryPolicy(int maxAttempts, long backoffMillis) {

    static RetryPolicy of(ExternalTask task, int defaultAttempts, long defaultBackoffSeconds) {
        Integer attempts = task.getVariable("maxAttempts");
        Integer backoff = task.getVariable("retryBackoffSeconds");
        return new RetryPolicy(attempts == null ? defaultAttempts : Math.max(1, attempts),
                (backoff == null ? defaultBackoffSeconds : backoff) * 1000L);
    }

    /** Which attempt this is, 1-based. */
    int attempt(ExternalTask task) {
        Integer retries = task.getRetries();
        return retries == null ? 1 : maxAttempts - retries + 1;
    }

    boolean lastAttempt(ExternalTask task) {
        return attempt(task) >= maxAttempts;
    }

    int retriesLeftAfter(ExternalTask task) {
        return maxAttempts - attempt(task);
    }

    long backoffAfter(ExternalTask task) {
        return backoffMillis * (1L << Math.min(10, attempt(task) - 1));
    }
}
