package vn.hanoi.lgsp.monitoring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Elasticsearch in bulk. A row is deleted only after Elasticsearch
 * acknowledged it, and the transaction id is the document id, so a retry overwrites
 * instead of duplicating: an outage delays monitoring but loses and duplicates nothing.
 * Rows are locked with SKIP LOCKED, so several platform nodes can ship side by side.
 */
@Component
class OutboxShipper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxShipper.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ElasticsearchClient elasticsearch;
    private final IndexTemplates templates;
    private final ObjectMapper json;
    private final MonitoringSettings.Shipper settings;
    private ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile Duration backoff = Duration.ZERO;
    private volatile boolean elasticsearchReachable;

    OutboxShipper(JdbcTemplate jdbc, TransactionTemplate transactions, ElasticsearchClient elasticsearch,
                  IndexTemplates templates, ObjectMapper json, MonitoringSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.elasticsearch = elasticsearch;
        this.templates = templates;
        this.json = json;
        this.settings = settings.shipper();
    }

    private record Row(long id, String documentId, String index, String document) {
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-shipper"));
        running = true;
        executor.schedule(this::loop, 0, TimeUnit.MILLISECONDS);
    }

    private void loop() {
        if (!running) {
            return;
        }
        Duration pause = settings.interval();
        try {
            templates.applyIfNeeded();
            int shipped = shipBatch();
            elasticsearchReachable = true;
            backoff = Duration.ZERO;
            if (shipped == settings.batchSize()) {
                pause = Duration.ZERO;
            }
        } catch (IOException | RuntimeException e) {
            elasticsearchReachable = false;
            backoff = backoff.isZero() ? settings.interval() : min(backoff.multipliedBy(2), settings.maxBackoff());
            pause = backoff;
            log.warn("Monitoring documents wait in the outbox: Elasticsearch unreachable ({}); next try in {} ms",
                    e.getMessage(), pause.toMillis());
        }
        if (running) {
            executor.schedule(this::loop, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Ships one batch; returns how many documents Elasticsearch accepted. */
    int shipBatch() throws IOException {
        IOException[] failure = new IOException[1];
        Integer shipped = transactions.execute(tx -> {
            List<Row> rows = jdbc.query("""
                    select id, document_id, index_name, document::text from lgsp.monitoring_outbox
                    where attempts < ? order by id limit ? for update skip locked""",
                    (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                    settings.maxAttempts(), settings.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            try {
                return ship(rows);
            } catch (IOException e) {
                failure[0] = e;
                tx.setRollbackOnly();
                return 0;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return shipped == null ? 0 : shipped;
    }

    private int ship(List<Row> rows) throws IOException {
        List<BulkOperation> operations = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, Object> document = json.readValue(row.document(), MAP);
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(row.index()).id(row.documentId()).document(document))));
        }
        BulkResponse response = elasticsearch.bulk(b -> b.operations(operations));
        List<Object[]> delivered = new ArrayList<>();
        List<Object[]> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                delivered.add(new Object[] {rows.get(i).id()});
            } else {
                rejected.add(new Object[] {item.error().reason(), rows.get(i).id()});
            }
        }
        jdbc.batchUpdate("delete from lgsp.monitoring_outbox where id = ?", delivered);
        if (!rejected.isEmpty()) {
            log.warn("Elasticsearch rejected {} monitoring documents; they stay in the outbox", rejected.size());
            jdbc.batchUpdate("update lgsp.monitoring_outbox set attempts = attempts + 1, last_error = ? where id = ?", rejected);
        }
        return delivered.size();
    }

    boolean elasticsearchReachable() {
        return elasticsearchReachable;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
