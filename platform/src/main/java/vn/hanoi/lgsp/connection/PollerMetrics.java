package vn.hanoi.lgsp.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How late connection polling runs, on {@code /actuator/prometheus} beside the platform's other
 * operations meters; read when scraped, NaN rather than a failed scrape when it cannot be read.
 */
@Component
class PollerMetrics {

    private static final Logger log = LoggerFactory.getLogger(PollerMetrics.class);

    PollerMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        Gauge.builder("lgsp.poller.lag.seconds", () -> {
            try {
                Double lag = jdbc.queryForObject("select coalesce(greatest(0, extract(epoch from now() - min(next_check_at))), 0) "
                        + "from lgsp.connection_state", Double.class);
                return lag == null ? Double.NaN : lag;
            } catch (RuntimeException e) {
                log.debug("metric lgsp.poller.lag.seconds unreadable: {}", e.getMessage());
                return Double.NaN;
            }
        }).description("How late the most overdue connection check is").register(registry);
    }
}
