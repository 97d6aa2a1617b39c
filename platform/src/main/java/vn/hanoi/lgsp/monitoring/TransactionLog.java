package vn.hanoi.lgsp.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records transaction documents in the outbox table. Called inside a business transaction,
 * the document commits or rolls back with the business change; the shipper moves it to
 * Elasticsearch afterwards.
 */
@Component
public class TransactionLog {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final MonitoringSettings settings;
    private final org.springframework.beans.factory.ObjectProvider<OperationsMetrics> metrics;

    TransactionLog(JdbcTemplate jdbc, ObjectMapper json, MonitoringSettings settings,
                   org.springframework.beans.factory.ObjectProvider<OperationsMetrics> metrics) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.metrics = metrics;
    }

    private void counted(TransactionDocument document) {
        OperationsMetrics meters = metrics.getIfAvailable();
        if (meters != null) {
            meters.recorded(document);
        }
    }

    public void record(TransactionDocument document) {
        String body;
        try {
            body = json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("transaction document cannot be serialised", e);
        }
        jdbc.update("insert into lgsp.monitoring_outbox (document_id, index_name, document) values (?, ?, ?::jsonb)",
                document.transactionId(), indexFor(document), body);
        counted(document);
    }

    /** Several documents in one round trip, inside the caller's transaction. */
    public void recordAll(java.util.List<TransactionDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        java.util.List<Object[]> rows = new java.util.ArrayList<>(documents.size());
        for (TransactionDocument document : documents) {
            try {
                rows.add(new Object[] {document.transactionId(), indexFor(document), json.writeValueAsString(document)});
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("transaction document cannot be serialised", e);
            }
        }
        jdbc.batchUpdate("insert into lgsp.monitoring_outbox (document_id, index_name, document) values (?, ?, ?::jsonb)",
                rows);
        documents.forEach(this::counted);
    }

    public String environment() {
        return settings.environment();
    }

    String indexFor(TransactionDocument document) {
        return settings.indexPrefix() + "-" + MONTH.format(document.timestamp());
    }
}
