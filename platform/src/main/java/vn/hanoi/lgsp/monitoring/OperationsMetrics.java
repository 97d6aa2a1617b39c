package vn.hanoi.lgsp.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What operators watch on {@code /actuator/prometheus} besides the JVM's own meters:
 * transactions by kind and outcome, gateway latency, how far the monitoring outbox lags
 * behind, and the engine's job and external-task backlog (how late connection polling runs is
 * the connection module's own meter).
 * The gauges are read when scraped; one that cannot be read shows NaN rather than failing the scrape.
 */
@Component
public class OperationsMetrics {

    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> transactions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> gateway = new ConcurrentHashMap<>();

    /** The engine is looked up when scraped: the engine's own beans may record transactions. */
    OperationsMetrics(MeterRegistry registry, JdbcTemplate jdbc, ObjectProvider<ProcessEngine> engine) {
        this.registry = registry;
        gauge("lgsp.outbox.documents", "Monitoring documents waiting to be shipped to Elasticsearch",
                () -> jdbc.queryForObject("select count(*) from lgsp.monitoring_outbox", Long.class));
        gauge("lgsp.outbox.lag.seconds", "Age of the oldest monitoring document still waiting in the outbox",
                () -> jdbc.queryForObject("select coalesce(extract(epoch from now() - min(created_at)), 0) "
                        + "from lgsp.monitoring_outbox", Double.class));
        gauge("lgsp.jobs.executable", "Engine jobs due and not yet taken by the job executor (backlog)",
                () -> engine.getObject().getManagementService().createJobQuery().executable().count());
        gauge("lgsp.jobs.failed", "Engine jobs out of retries (incidents)",
                () -> engine.getObject().getManagementService().createJobQuery().noRetriesLeft().count());
        gauge("lgsp.external.tasks.waiting", "External tasks no worker has locked yet",
                () -> engine.getObject().getExternalTaskService().createExternalTaskQuery().notLocked().withRetriesLeft()
                        .count());
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, () -> {
            try {
                Number n = value.get();
                return n == null ? Double.NaN : n.doubleValue();
            } catch (RuntimeException e) {
                log.debug("metric {} unreadable: {}", name, e.getMessage());
                return Double.NaN;
            }
        }).description(description).register(registry);
    }

    /** A transaction document was recorded: counted when its transaction commits. */
    void recorded(TransactionDocument document) {
        Runnable count = () -> {
            String kind = document.kind() == null ? "unknown" : document.kind();
            String code = document.code() == null ? "unknown" : document.code();
            transactions.computeIfAbsent(kind + "|" + code, k -> Counter.builder("lgsp.transactions")
                    .description("Transactions recorded for monitoring, by kind and outcome (00/01)")
                    .tag("kind", kind).tag("code", code).register(registry)).increment();
            if ("gateway-call".equals(kind) && document.durationMs() != null) {
                gateway.computeIfAbsent(code, c -> Timer.builder("lgsp.gateway.duration")
                        .description("Gateway calls end to end, by outcome").tag("code", c)
                        .publishPercentileHistogram().register(registry))
                        .record(Duration.ofMillis(document.durationMs()));
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
