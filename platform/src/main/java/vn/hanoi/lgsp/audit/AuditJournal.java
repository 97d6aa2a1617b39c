package vn.hanoi.lgsp.audit;

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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    /** The advisory lock that serialises appends to the chain (any constant, the same on every node). */
    static final long CHAIN_LOCK = 0x4c47_5350_4a52_4e4cL;

    private record Pending(AuditEntry entry, TransactionDocument document, CompletableFuture<Void> durable) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionLog monitoring;
    private final ObjectMapper json;
    private final JournalSettings settings;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final io.micrometer.core.instrument.Timer durableWait;
    private final io.micrometer.core.instrument.Timer commits;
    private volatile boolean running = true;

    AuditJournal(JdbcTemplate jdbc, TransactionTemplate transactions, TransactionLog monitoring, ObjectMapper json,
                 JournalSettings settings,
                 org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        io.micrometer.core.instrument.MeterRegistry registry = meters.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        // what a durable caller (a gateway call) waits for its commit, and what a commit takes: the
        // journal's share of a gateway call's latency, and what an operator alerts on when the disk slows
        java.time.Duration[] buckets = java.util.stream.IntStream.of(1, 2, 5, 10, 20, 50, 100, 200, 500)
                .mapToObj(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new);
        this.durableWait = io.micrometer.core.instrument.Timer.builder("lgsp.audit.durable.wait")
                .description("Time a caller waits until its audit entry is committed")
                .serviceLevelObjectives(buckets).register(registry);
        this.commits = io.micrometer.core.instrument.Timer.builder("lgsp.audit.commit")
                .description("Time one group commit of the audit journal takes")
                .serviceLevelObjectives(buckets).register(registry);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.monitoring = monitoring;
        this.json = json;
        this.settings = settings;
        chainEarlierRows();
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
        long queued = System.nanoTime();
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
        } finally {
            // every wait, the ones that timed out too: those are what an operator is alerted to
            durableWait.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Appends an entry without waiting for it (the action is already done and answered). Inside a
     * transaction, the entry is queued when it commits: a change rolled back is not journaled as made.
     */
    public void append(AuditEntry entry) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.add(new Pending(entry, null, new CompletableFuture<>()));
                }
            });
        } else {
            queue.add(new Pending(entry, null, new CompletableFuture<>()));
        }
    }

    /** Waits until everything queued so far is written (tests, verification after a burst). */
    public void flush() {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        queue.add(new Pending(null, null, marker));
        try {
            marker.get(settings.commitTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new JournalUnavailableException("the audit journal did not catch up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                long started = System.nanoTime();
                write(batch);
                long took = System.nanoTime() - started;
                batch.forEach(p -> p.durable().complete(null));
                commits.record(took, TimeUnit.NANOSECONDS);
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

    /**
     * One transaction per batch, holding the chain's lock: every node appends to one chain, and
     * the entries of a batch follow the last one written by any node.
     */
    private void write(List<Pending> batch) {
        List<TransactionDocument> documents = new ArrayList<>(batch.size());
        List<AuditEntry> entries = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            if (pending.entry() != null) {
                entries.add(pending.entry());
            }
            if (pending.document() != null) {
                documents.add(pending.document());
            }
        }
        if (entries.isEmpty() && documents.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Link last = lockChain();
            List<Object[]> rows = new ArrayList<>(entries.size());
            for (AuditEntry e : entries) {
                long seq = last.seq() + 1;
                String hash = JournalChain.hash(last.hash(), seq, e);
                rows.add(new Object[] {Timestamp.from(JournalChain.stored(e.at())), e.actorKind().name(), e.actor(),
                        e.agencyCode(), e.action(), e.target(), e.outcome(), e.transactionId(),
                        JournalChain.detailsJson(e.details()), seq, last.hash(), hash});
                last = new Link(seq, hash);
            }
            jdbc.batchUpdate("""
                    insert into lgsp.audit_journal (at, actor_kind, actor, agency_code, action, target, outcome,
                                                    transaction_id, details, seq, prev_hash, entry_hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""", rows);
            monitoring.recordAll(documents);
        });
    }

    /** The chain's end, under a transaction-scoped lock that serialises appends across nodes. */
    private Link lockChain() {
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
        List<Link> last = jdbc.query("select seq, entry_hash from lgsp.audit_journal where seq is not null "
                + "order by seq desc limit 1", (rs, n) -> new Link(rs.getLong(1), rs.getString(2)));
        return last.isEmpty() ? new Link(0, JournalChain.GENESIS) : last.get(0);
    }

    /** Rows written before the chain existed join it at start-up, in the order they were written. */
    void chainEarlierRows() {
        transactions.executeWithoutResult(status -> {
            Link last = lockChain();
            List<Long> unchained = jdbc.queryForList(
                    "select id from lgsp.audit_journal where seq is null order by id", Long.class);
            for (Long id : unchained) {
                AuditEntry entry = jdbc.queryForObject("select * from lgsp.audit_journal where id = ?",
                        (rs, n) -> StoredEntries.entryOf(rs), id);
                long seq = last.seq() + 1;
                String hash = JournalChain.hash(last.hash(), seq, entry);
                jdbc.update("update lgsp.audit_journal set seq = ?, prev_hash = ?, entry_hash = ?, details = ?::jsonb "
                        + "where id = ?", seq, last.hash(), hash, JournalChain.detailsJson(entry.details()), id);
                last = new Link(seq, hash);
            }
            if (!unchained.isEmpty()) {
                log.info("Chained {} audit entries written before the journal was hash-chained", unchained.size());
            }
        });
    }

    record Link(long seq, String hash) {
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(settings.commitTimeout().toMillis());
    }
}
