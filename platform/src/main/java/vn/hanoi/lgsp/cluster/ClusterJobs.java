package vn.hanoi.lgsp.cluster;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Periodic jobs that several platform nodes share: each round of a job is claimed in
 * PostgreSQL by the first node that asks, so a sweep, a retention pass or an anchor runs once
 * per cluster per round, whichever node's timer fires first.
 */
@Component
public class ClusterJobs {

    private final JdbcTemplate jdbc;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    ClusterJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This node, as it signs its claims: host and process, and which platform instance in it. */
    public String node() {
        return node;
    }

    /**
     * Claims the job's current round.
     *
     * @param every the length of a round: no other node gets the job again before it has passed
     * @return whether this node is the one to run it now
     */
    public boolean claim(String job, Duration every) {
        Timestamp next = Timestamp.from(Instant.now().plus(every).minusMillis(Math.min(every.toMillis() / 10, 1000)));
        return !jdbc.queryForList("""
                insert into lgsp.cluster_job (name, next_run_at, claimed_by, claimed_at) values (?, ?, ?, now())
                on conflict (name) do update set next_run_at = excluded.next_run_at, claimed_by = excluded.claimed_by,
                    claimed_at = excluded.claimed_at
                where cluster_job.next_run_at <= now()
                returning name""", String.class, job, next, node).isEmpty();
    }
}
