package vn.hanoi.lgsp.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Keeps connection-status history as long as {@code lgsp.monitoring.status.retention} says
 * and no longer. This Elasticsearch has neither ILM nor delete-by-query, so whole monthly
 * indices are dropped, each only once all of its month is past the retention. R-17 wants
 * status kept at least 3 months: a shorter retention stops the platform at start-up rather
 * than silently losing history.
 */
@Component
public class StatusRetention implements SchedulingConfigurer {

    /** connection status is kept at least this long. */
    static final Period MINIMUM = Period.ofMonths(3);
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Logger log = LoggerFactory.getLogger(StatusRetention.class);
    /** The longest 3 calendar months (e.g. July to September) and the shortest 0, 1, 2 months. */
    private static final int LONGEST_MINIMUM_DAYS = 92;
    private static final int[] SHORTEST_MONTHS_DAYS = {0, 28, 59};

    private final RestClient rest;
    private final ObjectMapper json;
    private final MonthlyIndices indices;
    private final Period retention;
    private final LocalTime dropAt;

    /** Several nodes: one drops the month's expired indices (absent when built by hand in a test). */
    private final vn.hanoi.lgsp.cluster.ClusterJobs jobs;

    StatusRetention(RestClient rest, ObjectMapper json, MonitoringSettings settings) {
        this(rest, json, settings, (vn.hanoi.lgsp.cluster.ClusterJobs) null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    StatusRetention(RestClient rest, ObjectMapper json, MonitoringSettings settings,
                    org.springframework.beans.factory.ObjectProvider<vn.hanoi.lgsp.cluster.ClusterJobs> jobs) {
        this(rest, json, settings, jobs.getIfAvailable());
    }

    private StatusRetention(RestClient rest, ObjectMapper json, MonitoringSettings settings,
                            vn.hanoi.lgsp.cluster.ClusterJobs jobs) {
        this.jobs = jobs;
        MonitoringSettings.Status status = settings.status();
        this.retention = requireAtLeastMinimum(status.retention());
        this.rest = rest;
        this.json = json;
        this.indices = new MonthlyIndices(status.indexPrefix());
        this.dropAt = status.dropAt();
    }

    /**
     * A retention given with days is accepted only if it is at least 3 months whatever the
     * date it is counted back from: {@code P90D} is refused, as the 3 months before 1 October are 92 days.
     */
    static Period requireAtLeastMinimum(Period retention) {
        if (retention == null) {
            throw new IllegalStateException("lgsp.monitoring.status.retention is missing; R-17 requires at least "
                    + MINIMUM);
        }
        Period normalized = retention.normalized();
        long months = normalized.toTotalMonths();
        int days = normalized.getDays();
        boolean enough = months >= 0 && days >= 0
                && (months >= MINIMUM.toTotalMonths() || SHORTEST_MONTHS_DAYS[(int) months] + days >= LONGEST_MINIMUM_DAYS);
        if (!enough) {
            throw new IllegalStateException("lgsp.monitoring.status.retention=" + retention
                    + " is shorter than the 3 months R-17 requires connection status to be kept; set " + MINIMUM
                    + " or longer");
        }
        return retention;
    }

    /** Every day at {@code lgsp.monitoring.status.drop-at}, Vietnam time. */
    String cron() {
        return "0 %d %d * * *".formatted(dropAt.getMinute(), dropAt.getHour());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // the cron comes from a typed setting, which @Scheduled's placeholders cannot read
        registrar.addCronTask(new CronTask(this::dropExpiredNow, new CronTrigger(cron(), ZONE)));
    }

    private void dropExpiredNow() {
        if (jobs != null && !jobs.claim("status-index-retention", java.time.Duration.ofHours(12))) {
            return;
        }
        try {
            dropExpired(Instant.now());
        } catch (RuntimeException e) {
            log.error("Expired connection-status indices could not be dropped; next try tomorrow at {}", dropAt, e);
        }
    }

    /**
     * Drops every {@code <prefix>-yyyy.MM} index whose month ended at or before
     * {@code now - retention}; never touches an index not named exactly so.
     *
     * @return the indices dropped, oldest first
     */
    public List<String> dropExpired(Instant now) {
        List<String> expired = indices.expired(existing(), now, retention);
        List<String> dropped = new ArrayList<>();
        for (String index : expired) {
            if (delete(index)) {
                dropped.add(index);
            }
        }
        if (!dropped.isEmpty()) {
            log.info("Connection-status indices past the {} retention dropped: {}", retention, dropped);
        }
        return dropped;
    }

    private List<String> existing() {
        Request cat = new Request("GET", "/_cat/indices/" + indices.wildcard());
        cat.addParameter("h", "index");
        cat.addParameter("format", "json");
        try (InputStream body = rest.performRequest(cat).getEntity().getContent()) {
            List<String> names = new ArrayList<>();
            for (JsonNode row : json.readTree(body)) {
                names.add(row.path("index").asText());
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + indices.wildcard() + " indices", e);
        }
    }

    /** False when the index was already gone: another platform node dropped it first. */
    private boolean delete(String index) {
        try {
            rest.performRequest(new Request("DELETE", "/" + index));
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw new UncheckedIOException("cannot drop index " + index, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop index " + index, e);
        }
    }
}
