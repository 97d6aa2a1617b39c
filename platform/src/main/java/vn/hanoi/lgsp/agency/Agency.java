package vn.hanoi.lgsp.agency;

import java.time.LocalDate;
import java.util.List;

/**
 * A body connected to, or known by, the LGSP. Codes change when bodies are renamed, split,
 * merged or dissolved: the old record is closed with its successors, never deleted.
 */
public record Agency(
        String code,
        String name,
        String englishName,
        int level,
        String parentCode,
        Status status,
        LocalDate validFrom,
        LocalDate validTo,
        ClosureReason closureReason,
        List<String> successors,
        List<String> predecessors) {

    public enum Status { ACTIVE, CLOSED }

    public enum ClosureReason { RENAMED, SPLIT, MERGED, DISSOLVED }

    /** Whether the body exists and may take part in exchanges on that day. */
    public boolean activeOn(LocalDate day) {
        return !validFrom.isAfter(day) && (validTo == null || validTo.isAfter(day));
    }
}
