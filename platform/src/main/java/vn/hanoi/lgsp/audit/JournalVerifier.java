package vn.hanoi.lgsp.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the whole chain and says whether the journal is as it was written: every entry's hash
 * recomputed from its fields, every link to the entry before, no place missing, and every
 * day's anchor signed by the LGSP's key over the hash the chain really has at that place.
 */
@Component
public class JournalVerifier {

    /** A finding: the entry (or anchor) and what is wrong with it. */
    public record Problem(long seq, String problem) {
    }

    /** The verdict. {@code firstSeq} is where the kept journal starts (older days removed by retention). */
    public record Report(boolean intact, long entries, int anchors, long firstSeq, long lastSeq, List<Problem> problems) {
    }

    private static final int MAX_PROBLEMS = 50;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JournalAnchors anchors;

    JournalVerifier(JdbcTemplate jdbc, TransactionTemplate transactions, JournalAnchors anchors) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.anchors = anchors;
    }

    public Report verify() {
        record Anchor(long seq, LocalDate day, String hash, String keyId, String signature) {
        }
        Map<Long, Anchor> anchorsBySeq = new TreeMap<>();
        jdbc.query("select seq, day, entry_hash, key_id, signature from lgsp.audit_anchor order by seq", rs -> {
            anchorsBySeq.put(rs.getLong(1), new Anchor(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3),
                    rs.getString(4), rs.getString(5)));
        });
        List<Problem> problems = new ArrayList<>();
        for (Anchor anchor : anchorsBySeq.values()) {
            if (!anchors.signatureHolds(anchor.day(), anchor.seq(), anchor.hash(), anchor.keyId(), anchor.signature())) {
                add(problems, new Problem(anchor.seq(), "the anchor of " + anchor.day() + " is not signed by the LGSP's key"));
            }
        }
        // [entries, first, last, previous seq, previous hash]
        long[] counts = {0, 0, 0};
        String[] previousHash = {null};
        long[] previousSeq = {-1};
        transactions.executeWithoutResult(status -> jdbc.query(con -> {
            var statement = con.prepareStatement("select * from lgsp.audit_journal where seq is not null order by seq");
            statement.setFetchSize(1000);
            return statement;
        }, rs -> {
            long seq = rs.getLong("seq");
            String storedPrev = rs.getString("prev_hash");
            String storedHash = rs.getString("entry_hash");
            if (previousSeq[0] < 0) {
                counts[1] = seq;
                // the kept journal starts at the genesis, or right after a day removed by retention whose anchor is kept
                Anchor before = anchorsBySeq.get(seq - 1);
                boolean startsWell = seq == 1 ? JournalChain.GENESIS.equals(storedPrev)
                        : before != null && before.hash().equals(storedPrev);
                if (!startsWell) {
                    add(problems, new Problem(seq, seq == 1 ? "the first entry does not start the chain"
                            : "entries before " + seq + " are missing"));
                }
            } else {
                if (seq != previousSeq[0] + 1) {
                    add(problems, new Problem(previousSeq[0] + 1, "entries " + (previousSeq[0] + 1) + ".." + (seq - 1)
                            + " are missing"));
                }
                if (!previousHash[0].equals(storedPrev)) {
                    add(problems, new Problem(seq, "does not follow the entry before it (reordered, or one before was "
                            + "changed or removed)"));
                }
            }
            AuditEntry entry;
            try {
                entry = StoredEntries.entryOf(rs);
            } catch (RuntimeException e) {
                add(problems, new Problem(seq, "cannot be read: " + e.getMessage()));
                previousSeq[0] = seq;
                previousHash[0] = storedHash;
                return;
            }
            String recomputed = JournalChain.hash(storedPrev == null ? "" : storedPrev, seq, entry);
            if (!recomputed.equals(storedHash)) {
                add(problems, new Problem(seq, "was changed after it was written"));
            }
            Anchor anchor = anchorsBySeq.get(seq);
            if (anchor != null && !anchor.hash().equals(storedHash)) {
                add(problems, new Problem(seq, "differs from what the anchor of " + anchor.day() + " signed"));
            }
            counts[0]++;
            counts[2] = seq;
            previousSeq[0] = seq;
            previousHash[0] = storedHash;
        }));
        // an anchor past the end: its entries were removed from the end of the journal
        anchorsBySeq.keySet().stream().filter(seq -> seq > counts[2]).findFirst()
                .ifPresent(seq -> add(problems, new Problem(seq, "entries up to " + seq + ", signed in an anchor, are missing")));
        return new Report(problems.isEmpty(), counts[0], anchorsBySeq.size(), counts[1], counts[2], List.copyOf(problems));
    }

    private static void add(List<Problem> problems, Problem problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}
