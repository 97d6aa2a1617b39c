package vn.hanoi.lgsp.exchange;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * R-03 when the model's own end listener did not run: a process instance deleted with
 * "skip custom listeners" (an option of Cockpit's cancel) would leave its record's content
 * behind. Every few minutes, content whose exchange has ended or has no process left is
 * removed, and such an exchange is marked cancelled.
 */
@Component
class ContentSweeper {

    private static final Logger log = LoggerFactory.getLogger(ContentSweeper.class);

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final ExchangeStore store;

    private final vn.hanoi.lgsp.cluster.ClusterJobs jobs;

    ContentSweeper(JdbcTemplate jdbc, RuntimeService runtime, ExchangeStore store, vn.hanoi.lgsp.cluster.ClusterJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.store = store;
    }

    @Scheduled(fixedDelayString = "${lgsp.exchange.sweep-interval:PT5M}", initialDelayString = "PT1M")
    void sweepOncePerCluster() {
        // one node per round sweeps; the others' timers find the round taken
        if (jobs.claim("exchange-content-sweep", java.time.Duration.ofMinutes(1))) {
            sweep();
        }
    }

    @Transactional
    public void sweep() {
        List<Object[]> candidates = jdbc.query("""
                select e.id, e.status, e.process_instance_id from lgsp.exchange e
                join lgsp.exchange_content c on c.exchange_id = e.id
                where e.updated_at < now() - interval '1 minute'""",
                (rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)});
        for (Object[] c : candidates) {
            UUID id = (UUID) c[0];
            ExchangeStatus status = ExchangeStatus.valueOf((String) c[1]);
            String instance = (String) c[2];
            boolean processAlive = instance != null
                    && runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0;
            if (status.terminal() || !processAlive) {
                store.purgeContent(id);
                if (!status.terminal()) {
                    store.setStatus(id, ExchangeStatus.CANCELLED);
                    store.addEvent(id, ExchangeStatus.CANCELLED, "its process ended without the model's listeners");
                }
                log.warn("Removed the content left behind by exchange {} ({})", id, status);
            }
        }
    }
}
