package vn.hanoi.lgsp.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each day of the journal is closed by an anchor: the last entry of the day, its chain hash,
 * signed with the LGSP's key. Rewriting the chain after that needs the key, which PostgreSQL
 * never holds. The same job removes whole anchored days older than the retention, keeping their
 * anchors so that the rest still verifies.
 */
@Component
public class JournalAnchors {

    private static final Logger log = LoggerFactory.getLogger(JournalAnchors.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JournalSettings settings;
    private final JournalSigner signer;
    private final Clock clock;

    private final vn.hanoi.lgsp.cluster.ClusterJobs jobs;

    JournalAnchors(JdbcTemplate jdbc, TransactionTemplate transactions, JournalSettings settings,
                   vn.hanoi.lgsp.cluster.ClusterJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.signer = JournalSigner.load(settings.signingKeyFile());
        this.clock = Clock.systemUTC();
    }

    /** Closes every finished day not yet anchored, then applies the retention. Every node may run it. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void hourly() {
        if (jobs.claim("audit-journal-anchors", java.time.Duration.ofMinutes(50))) {
            daily();
        }
    }

    void daily() {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        List<LocalDate> open = jdbc.queryForList("""
                select distinct (at at time zone ?)::date as day from lgsp.audit_journal
                where seq > coalesce((select max(seq) from lgsp.audit_anchor), 0) and (at at time zone ?)::date < ?
                order by day""", LocalDate.class, settings.zone().getId(), settings.zone().getId(), today);
        open.forEach(this::anchor);
        applyRetention(today);
    }

    /**
     * Signs the chain as it stands at the end of the day (up to now, for today).
     *
     * @return the place of the last entry anchored, empty when the day has no entry
     */
    public Optional<Long> anchor(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        return transactions.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, AuditJournal.CHAIN_LOCK);
            List<AuditJournal.Link> last = jdbc.query("""
                    select seq, entry_hash from lgsp.audit_journal where seq is not null and at < ?
                    order by seq desc limit 1""", (rs, n) -> new AuditJournal.Link(rs.getLong(1), rs.getString(2)),
                    Timestamp.from(end));
            if (last.isEmpty()) {
                return Optional.<Long>empty();
            }
            AuditJournal.Link link = last.get(0);
            String signature = signer.sign(JournalChain.anchorStatement(day, link.seq(), link.hash()));
            int inserted = jdbc.update("""
                    insert into lgsp.audit_anchor (seq, day, entry_hash, signed_at, key_id, signature)
                    values (?, ?, ?, ?, ?, ?) on conflict (seq) do nothing""",
                    link.seq(), day, link.hash(), Timestamp.from(clock.instant()), signer.keyId(), signature);
            if (inserted > 0) {
                log.info("Audit journal anchored: {} up to entry {}", day, link.seq());
            }
            return Optional.of(link.seq());
        });
    }

    boolean signatureHolds(LocalDate day, long seq, String hash, String keyId, String signature) {
        return signer.keyId().equals(keyId) && signer.verify(JournalChain.anchorStatement(day, seq, hash), signature);
    }

    /** Removes entries of whole days older than the retention, up to the last anchor of those days. */
    void applyRetention(LocalDate today) {
        LocalDate cutoff = today.minusDays(settings.retention().toDays());
        Long upTo = jdbc.queryForObject("select max(seq) from lgsp.audit_anchor where day < ?", Long.class, cutoff);
        if (upTo == null) {
            return;
        }
        int removed = jdbc.update("delete from lgsp.audit_journal where seq <= ?", upTo);
        if (removed > 0) {
            log.info("Audit journal retention ({}): removed {} entries up to {}", settings.retention(), removed, upTo);
        }
    }
}
