package vn.hanoi.lgsp.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;

/**
 * Appends audit entries, each with its monitoring document, durably and in order.
 * <p>
 * Calls that must not be answered before their entry is on disk (gateway calls) would cost a
 * commit each; instead one writer thread takes whatever has queued up since its last commit
 * and writes it in one transaction (group commit): under load, hundreds of entries share one
 * commit, and each caller waits only until the commit that carries its entry.
 */
@Component
public class AuditJournal implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditJournal.class);

    private record Pending(AuditEntry entry, TransactionDocument document, CompletableFuture<Void> durable) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionLog monitoring;
    private final ObjectMapper json;
    private final JournalSettings settings;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    AuditJournal(JdbcTemplate jdbc, TransactionTemplate transactions, TransactionLog monitoring, ObjectMapper json,
                 JournalSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.monitoring = monitoring;
        this.json = json;
        this.settings = settings;
        this.writer = new Thread(this::writeLoop, "audit-journal-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Appends the entry and its monitoring document and returns once both are committed.
     *
     * @throws JournalUnavailableException when they could not be committed in time
     */
    public void appendDurably(AuditEntry entry, TransactionDocument document) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (!running) {
            throw new JournalUnavailableException("the audit journal is shutting down", null);
        }
        queue.add(new Pending(entry, document, durable));
        try {
            durable.get(settings.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new JournalUnavailableException("the audit journal could not be written", e.getCause());
        } catch (TimeoutException e) {
            // not yet taken by the writer: it is dropped, so the journal never records an answer that was withheld
            durable.cancel(false);
            throw new JournalUnavailableException("the audit journal did not commit within " + settings.commitTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while waiting for the audit journal", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                batch.removeIf(p -> p.durable().isCancelled());
                if (batch.isEmpty()) {
                    continue;
                }
                write(batch);
                batch.forEach(p -> p.durable().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("Could not write {} audit entries", batch.size(), e);
                batch.forEach(p -> p.durable().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        List<TransactionDocument> documents = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            AuditEntry e = pending.entry();
            rows.add(new Object[] {Timestamp.from(e.at()), e.actorKind().name(), e.actor(), e.agencyCode(), e.action(),
                    e.target(), e.outcome(), e.transactionId(), details(e)});
            if (pending.document() != null) {
                documents.add(pending.document());
            }
        }
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("""
                    insert into lgsp.audit_journal (at, actor_kind, actor, agency_code, action, target, outcome,
                                                    transaction_id, details)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", rows);
            monitoring.recordAll(documents);
        });
    }

    private String details(AuditEntry entry) {
        try {
            return json.writeValueAsString(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be serialised", e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(settings.commitTimeout().toMillis());
    }
}
