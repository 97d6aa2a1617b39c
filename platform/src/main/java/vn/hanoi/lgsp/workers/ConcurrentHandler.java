package vn.hanoi.lgsp.workers;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler on a shared pool instead of the client's single polling thread: most of a
 * worker's time is spent waiting on peers, so tasks overlap. The semaphore holds the
 * polling thread back once the pool is busy, so no more tasks are locked than can run.
 */
final class ConcurrentHandler implements ExternalTaskHandler {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentHandler.class);

    private final ExternalTaskHandler handler;
    private final ExecutorService pool;
    private final Semaphore slots;

    ConcurrentHandler(ExternalTaskHandler handler, ExecutorService pool, Semaphore slots) {
        this.handler = handler;
        this.pool = pool;
        this.slots = slots;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    handler.execute(task, new SteadyTaskService(service));
                } catch (RuntimeException e) {
                    // the lock expires and the engine hands the task out again
                    log.error("Worker failed on task {} ({}): {}", task.getId(), task.getTopicName(), e.toString());
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException rejected) {
            slots.release();
            throw rejected;
        }
    }
}
