package vn.hanoi.lgsp.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.client.exception.ConnectionLostException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;

/**
 * A worker's report survives the engine node it was sent to stopping (issue of the drained
 * engine container: a completion lost with the connection made the record wait a whole lock).
 */
class SteadyTaskServiceTest {

    @Test
    void aReportLostWithItsConnectionIsSentAgain() {
        AtomicInteger calls = new AtomicInteger();
        ExternalTaskService engine = engine(calls, lost(), null);

        new SteadyTaskService(engine).complete("task-1", null, null);

        assertThat(calls).hasValue(2);
    }

    @Test
    void aRepeatThatFindsTheTaskGoneMeansTheFirstOneArrived() {
        AtomicInteger calls = new AtomicInteger();
        ExternalTaskService engine = engine(calls, lost(), notFound());

        new SteadyTaskService(engine).handleFailure("task-1", "peer down", null, 2, 1000);

        assertThat(calls).hasValue(2);
    }

    @Test
    void aTaskGoneAtTheFirstAttemptIsTheCallersToKnow() {
        AtomicInteger calls = new AtomicInteger();
        ExternalTaskService engine = engine(calls, notFound());

        assertThatThrownBy(() -> new SteadyTaskService(engine).complete("task-1", null, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anEngineGoneForGoodIsReportedAfterTheLastRepeat() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException[] always = new RuntimeException[SteadyTaskService.PAUSES_MILLIS.length + 1];
        for (int i = 0; i < always.length; i++) {
            always[i] = lost();
        }
        ExternalTaskService engine = engine(calls, always);

        assertThatThrownBy(() -> new SteadyTaskService(engine).complete("task-1", null, null))
                .isInstanceOf(ConnectionLostException.class);
        assertThat(calls).hasValue(SteadyTaskService.PAUSES_MILLIS.length + 1);
    }

    /** An engine that answers each call with the next outcome: an exception, or (null) success. */
    private static ExternalTaskService engine(AtomicInteger calls, RuntimeException... outcomes) {
        Deque<RuntimeException> next = new ArrayDeque<>();
        for (RuntimeException outcome : outcomes) {
            next.add(outcome == null ? new IllegalStateException("none") : outcome);
        }
        return (ExternalTaskService) Proxy.newProxyInstance(ExternalTaskService.class.getClassLoader(),
                new Class<?>[] {ExternalTaskService.class}, (proxy, method, args) -> {
                    calls.incrementAndGet();
                    RuntimeException outcome = next.poll();
                    if (outcome != null && !"none".equals(outcome.getMessage())) {
                        throw outcome;
                    }
                    return null;
                });
    }

    private static ConnectionLostException lost() {
        return new ConnectionLostException("connection closed", new IOException("Connection reset"));
    }

    private static NotFoundException notFound() {
        return new NotFoundException("no task", new RestException("no task", "RestException", 404));
    }
}
