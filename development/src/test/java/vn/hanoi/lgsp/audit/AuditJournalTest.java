package vn.hanoi.lgsp.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-19, Đ13.5, Đ16.10: every action is journaled — who, what, on what, when, outcome —
 * in a hash chain closed each day by a signed anchor; verification finds an edited, deleted or
 * reordered entry and a rewritten chain, and calls a clean journal intact.
 */
class AuditJournalTest extends PlatformTest {

    @Autowired
    AuditJournal journal;
    @Autowired
    JournalVerifier verifier;
    @Autowired
    JournalAnchors anchors;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void staffSystemsAndRefusedCallsAreJournaledAndSupervisorsSearchThem() {
        String supervisor = keycloak.staffToken("supervisor");
        String operator = keycloak.operatorToken();
        Api.Reply agencies = api.get("/api/v1/agencies/000.00.13.H26", operator);
        Api.Reply refused = api.get("/api/v1/inbox", "forged.token.value");
        Api.Reply byASystem = api.get("/api/v1/inbox", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM));
        journal.flush();

        JsonNode staff = api.get("/api/v1/audit/entries?transactionId=" + agencies.transactionId(), supervisor).body();
        assertThat(staff.path("entries")).hasSize(1);
        JsonNode entry = staff.path("entries").get(0);
        assertThat(entry.path("actorKind").asText()).isEqualTo("STAFF");
        assertThat(entry.path("actor").asText()).isEqualTo("operator");
        assertThat(entry.path("action").asText()).isEqualTo("api.get");
        assertThat(entry.path("target").asText()).isEqualTo("/api/v1/agencies/000.00.13.H26");
        assertThat(entry.path("outcome").asText()).isEqualTo("00");
        assertThat(entry.path("hash").asText()).hasSize(64);

        JsonNode anonymous = api.get("/api/v1/audit/entries?transactionId=" + refused.transactionId(), supervisor).body();
        assertThat(anonymous.path("entries").get(0).path("actorKind").asText()).isEqualTo("ANONYMOUS");
        assertThat(anonymous.path("entries").get(0).path("outcome").asText()).isEqualTo("01");

        JsonNode system = api.get("/api/v1/audit/entries?transactionId=" + byASystem.transactionId(), supervisor).body();
        assertThat(system.path("entries").get(0).path("actor").asText()).isEqualTo(Keycloak.JUSTICE_SYSTEM.id());
        assertThat(system.path("entries").get(0).path("agencyCode").asText()).isEqualTo("000.00.13.H26");

        // search by actor and action family, newest first, paged
        JsonNode page = api.get("/api/v1/audit/entries?actor=operator&action=api&limit=1", supervisor).body();
        assertThat(page.path("entries")).hasSize(1);
        assertThat(page.path("nextBefore").isNumber()).isTrue();

        // the journal is for supervisors: not for operators, not for agency systems
        assertThat(api.get("/api/v1/audit/entries", operator).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/verify", keycloak.clientToken(Keycloak.DOST_SYSTEM)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/entries?limit=100000", supervisor).status()).isEqualTo(400);
    }

    @Test
    void anEndpointChangeIsJournaledWithItsOldAndNewValue() {
        String operator = keycloak.operatorToken();
        String code = "000.00.13.H26";
        JsonNode before = api.get("/api/v1/agencies/" + code + "/system", operator).body().path("system");
        String original = before.path("baseUrl").asText();
        Map<String, Object> change = Map.of("baseUrl", original + "/moved", "pushEnabled", true);
        try {
            vn.hanoi.lgsp.support.SystemChangeApproval.applied(api, keycloak, code, change);
            journal.flush();
            Map<String, Object> row = jdbc.queryForMap("""
                    select actor, actor_kind, details::text as details from lgsp.audit_journal
                    where action = 'agency.system.changed' and target = ? order by seq desc limit 1""", code);
            // applied by the leader who approved it, at the operator's request
            assertThat(row.get("actor")).isEqualTo("leader");
            assertThat(row.get("actor_kind")).isEqualTo("STAFF");
            assertThat((String) row.get("details")).contains("\"old\"").contains(original + "/moved").contains(original)
                    .contains("\"requestedBy\": \"operator\"").contains("\"approvedBy\": \"leader\"");
            assertThat(jdbc.queryForObject("""
                    select count(*) from lgsp.audit_journal where action = 'agency.system.change-requested' and target = ?
                    and actor = 'operator'""", Long.class, code)).isPositive();
        } finally {
            vn.hanoi.lgsp.support.SystemChangeApproval.applied(api, keycloak, code,
                    Map.of("baseUrl", original, "pushEnabled", true));
        }
    }

    @Test
    void verifyFindsAnEditedADeletedAndAReorderedEntryAndARewrittenChain() {
        // a few entries of our own to tamper with
        for (int i = 0; i < 5; i++) {
            journal.append(new AuditEntry(java.time.Instant.now(), AuditEntry.ActorKind.PLATFORM, "lgsp", null,
                    "test.tamper-target", "entry-" + i, "00", null, Map.of("n", i, "nested", Map.of("b", 2, "a", 1))));
        }
        journal.flush();
        JournalVerifier.Report clean = verifier.verify();
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.intact()).isTrue();
        assertThat(clean.entries()).isGreaterThanOrEqualTo(5);

        List<Long> ours = jdbc.queryForList(
                "select seq from lgsp.audit_journal where action = 'test.tamper-target' order by seq desc limit 5", Long.class);
        long edited = ours.get(2);

        // edited: an outcome turned from 00 into 01
        jdbc.update("update lgsp.audit_journal set outcome = '01' where seq = ?", edited);
        assertThat(problemsAt(edited)).anyMatch(p -> p.contains("changed"));
        jdbc.update("update lgsp.audit_journal set outcome = '00' where seq = ?", edited);
        assertThat(verifier.verify().intact()).isTrue();

        // deleted
        Map<String, Object> row = jdbc.queryForMap("select * from lgsp.audit_journal where seq = ?", edited);
        jdbc.update("delete from lgsp.audit_journal where seq = ?", edited);
        JournalVerifier.Report deleted = verifier.verify();
        assertThat(deleted.intact()).isFalse();
        assertThat(deleted.problems()).anyMatch(p -> p.seq() == edited && p.problem().contains("missing"));
        jdbc.update("""
                insert into lgsp.audit_journal (id, at, actor_kind, actor, agency_code, action, target, outcome,
                                                transaction_id, details, seq, prev_hash, entry_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""", row.get("id"), row.get("at"), row.get("actor_kind"),
                row.get("actor"), row.get("agency_code"), row.get("action"), row.get("target"), row.get("outcome"),
                row.get("transaction_id"), row.get("details").toString(), row.get("seq"), row.get("prev_hash"),
                row.get("entry_hash"));
        assertThat(verifier.verify().intact()).isTrue();

        // reordered: two neighbours swap places
        long next = ours.get(1);
        swap(edited, next);
        assertThat(verifier.verify().intact()).isFalse();
        swap(edited, next);
        assertThat(verifier.verify().intact()).isTrue();

        // rewritten: an edit whose hashes were all recomputed passes the chain but not the signed anchor
        anchors.anchor(LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        transactions.executeWithoutResult(s -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, AuditJournal.CHAIN_LOCK);
            jdbc.update("update lgsp.audit_journal set target = 'forged' where seq = ?", edited);
            rechainFrom(edited);
        });
        JournalVerifier.Report rewritten = verifier.verify();
        assertThat(rewritten.intact()).isFalse();
        assertThat(rewritten.problems()).anyMatch(p -> p.problem().contains("anchor"));
        transactions.executeWithoutResult(s -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, AuditJournal.CHAIN_LOCK);
            jdbc.update("update lgsp.audit_journal set target = ? where seq = ?", row.get("target"), edited);
            rechainFrom(edited);
        });
        JournalVerifier.Report restored = verifier.verify();
        assertThat(restored.problems()).isEmpty();
        assertThat(restored.anchors()).isGreaterThanOrEqualTo(1);

        // a forged anchor signature is seen too
        Long anchorSeq = jdbc.queryForObject("select max(seq) from lgsp.audit_anchor", Long.class);
        String signature = jdbc.queryForObject("select signature from lgsp.audit_anchor where seq = ?", String.class, anchorSeq);
        jdbc.update("update lgsp.audit_anchor set signature = ? where seq = ?",
                java.util.Base64.getEncoder().encodeToString(new byte[64]), anchorSeq);
        assertThat(verifier.verify().problems()).anyMatch(p -> p.problem().contains("not signed"));
        jdbc.update("update lgsp.audit_anchor set signature = ? where seq = ?", signature, anchorSeq);

        // and supervisors see the verdict through the API
        JsonNode api = this.api.get("/api/v1/audit/verify", keycloak.staffToken("supervisor")).body();
        assertThat(api.path("report").path("intact").asBoolean()).isTrue();
    }

    private List<String> problemsAt(long seq) {
        return verifier.verify().problems().stream().filter(p -> p.seq() == seq).map(JournalVerifier.Problem::problem).toList();
    }

    private void swap(long a, long b) {
        transactions.executeWithoutResult(s -> {
            jdbc.update("update lgsp.audit_journal set seq = -1 where seq = ?", a);
            jdbc.update("update lgsp.audit_journal set seq = ? where seq = ?", a, b);
            jdbc.update("update lgsp.audit_journal set seq = ? where seq = -1", b);
        });
    }

    /** What an attacker with the code but without the key could do: recompute every hash from an entry on. */
    private void rechainFrom(long seq) {
        String previous = jdbc.queryForObject("select prev_hash from lgsp.audit_journal where seq = ?", String.class, seq);
        List<Long> places = jdbc.queryForList("select seq from lgsp.audit_journal where seq >= ? order by seq", Long.class, seq);
        for (Long place : places) {
            AuditEntry entry = jdbc.queryForObject("select * from lgsp.audit_journal where seq = ?",
                    (rs, n) -> StoredEntries.entryOf(rs), place);
            String hash = JournalChain.hash(previous, place, entry);
            jdbc.update("update lgsp.audit_journal set prev_hash = ?, entry_hash = ? where seq = ?", previous, hash, place);
            previous = hash;
        }
    }
}
