package vn.hanoi.lgsp.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads journal rows back as entries. */
final class StoredEntries {

    private StoredEntries() {
    }

    static AuditEntry entryOf(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getTimestamp("at").toInstant(), AuditEntry.ActorKind.valueOf(rs.getString("actor_kind")),
                rs.getString("actor"), rs.getString("agency_code"), rs.getString("action"), rs.getString("target"),
                rs.getString("outcome"), rs.getString("transaction_id"), JournalChain.parseDetails(rs.getString("details")));
    }
}
