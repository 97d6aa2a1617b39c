package vn.hanoi.lgsp.exchange;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * R-03 when the model's own end listener did not run: a process instance deleted with
 * "skip custom listeners" (an option of Cockpit's cancel) would leave its record's content
 * behind. Every few minutes, content whose exchange has ended or has no process left is
 * removed, and such an exchange is marked cancelled.
 */
@Component
class ContentSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ContentSweeper.class);

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final ExchangeStore store;

    private final vn.hanoi.lgsp.cluster.ClusterJobs jobs;

    private final org.springframework.transaction.support.TransactionTemplate perExchange;

    private final ExchangeSettings settings;

    ContentSweeper(JdbcTemplate jdbc, RuntimeService runtime, ExchangeStore store, vn.hanoi.lgsp.cluster.ClusterJobs jobs,
                   org.springframework.transaction.PlatformTransactionManager transactions, ExchangeSettings settings) {
        this.settings = settings;
        this.jobs = jobs;
        this.perExchange = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.store = store;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweepOncePerCluster, settings.sweepInterval(), Duration.ofMinutes(1)));
    }

    void sweepOncePerCluster() {
        // one node per round sweeps; the others' timers find the round taken
        if (jobs.claim("exchange-content-sweep", java.time.Duration.ofMinutes(1))) {
            sweep();
        }
    }

    /**
     * Each candidate is decided in a transaction of its own, on its row as it is now (locked):
     * the list is only where to look. Decided on the listed status instead, an exchange that
     * completed while the sweep went through a long list was marked cancelled.
     */
    public void sweep() {
        List<UUID> candidates = jdbc.query("""
                select e.id from lgsp.exchange e
                join lgsp.exchange_content c on c.exchange_id = e.id
                where e.updated_at < now() - interval '1 minute'""",
                (rs, n) -> rs.getObject(1, UUID.class));
        for (UUID id : candidates) {
            perExchange.executeWithoutResult(tx -> sweepOne(id));
        }
    }

    private void sweepOne(UUID id) {
        ExchangeStore.Exchange exchange = store.lock(id).orElse(null);
        if (exchange == null) {
            return;
        }
        // the engine ends a process in the same transaction that locks this row to record the end,
        // so a process seen alive here is either still running or will record its own end
        boolean processAlive = exchange.processInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(exchange.processInstanceId()).count() > 0;
        if (!exchange.status().terminal() && processAlive) {
            return;
        }
        if (!store.purgeContent(id)) {
            return;
        }
        if (!exchange.status().terminal()) {
            store.setStatus(id, ExchangeStatus.CANCELLED);
            store.addEvent(id, ExchangeStatus.CANCELLED, "its process ended without the model's listeners");
        }
        log.warn("Removed the content left behind by exchange {} ({})", id, exchange.status());
    }
}
