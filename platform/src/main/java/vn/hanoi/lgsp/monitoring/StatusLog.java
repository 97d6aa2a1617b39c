package vn.hanoi.lgsp.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records connection-status checks in the same outbox as transactions, so the one shipper
 * delivers both and an Elasticsearch outage loses none. Called inside a transaction, the
 * document commits or rolls back with it.
 */
@Component
public class StatusLog {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final MonthlyIndices indices;
    private final String environment;

    StatusLog(JdbcTemplate jdbc, ObjectMapper json, MonitoringSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.indices = new MonthlyIndices(settings.status().indexPrefix());
        this.environment = settings.environment();
    }

    public void record(StatusCheckDocument document) {
        Objects.requireNonNull(document.checkId(), "checkId");
        Objects.requireNonNull(document.timestamp(), "timestamp");
        String body;
        try {
            body = json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("status check document cannot be serialised", e);
        }
        jdbc.update("insert into lgsp.monitoring_outbox (document_id, index_name, document) values (?, ?, ?::jsonb)",
                document.checkId(), indexFor(document), body);
    }

    /** What to stamp in {@link StatusCheckDocument#environment()}. */
    public String environment() {
        return environment;
    }

    String indexFor(StatusCheckDocument document) {
        return indices.nameFor(document.timestamp());
    }
}
