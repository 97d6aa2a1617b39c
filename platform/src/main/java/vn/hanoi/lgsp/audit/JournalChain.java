package vn.hanoi.lgsp.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The journal's hash chain: an entry's hash covers its place, every field and the hash of the
 * entry before it, so editing, deleting or reordering any entry breaks every hash after it.
 * The hashed form is a JSON array with sorted object keys: the same whether the entry is being
 * written or read back from PostgreSQL's {@code jsonb} (which reorders keys).
 */
final class JournalChain {

    /** The "hash before" the very first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private JournalChain() {
    }

    /** PostgreSQL keeps microseconds: what is hashed is what is stored. */
    static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    static String hash(String previousHash, long seq, AuditEntry entry) {
        Instant at = stored(entry.at());
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        List<Object> fields = new ArrayList<>(Arrays.asList(previousHash, seq, micros, entry.actorKind().name(),
                entry.actor(), entry.agencyCode(), entry.action(), entry.target(), entry.outcome(),
                entry.transactionId(), normalised(entry.details())));
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(fields);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit entry cannot be serialised", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Details as plain maps, lists and scalars, the way they read back from JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalised(Map<String, Object> details) {
        try {
            return CANONICAL.readValue(CANONICAL.writeValueAsBytes(details), Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("audit details cannot be serialised", e);
        }
    }

    static String detailsJson(Map<String, Object> details) {
        try {
            return CANONICAL.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be serialised", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseDetails(String json) {
        try {
            return json == null ? Map.of() : CANONICAL.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("stored audit details are not JSON", e);
        }
    }

    /** What an anchor signs: the day it closes, the last entry's place and its hash. */
    static byte[] anchorStatement(java.time.LocalDate day, long seq, String entryHash) {
        return ("lgsp-audit-anchor\n" + day + "\n" + seq + "\n" + entryHash).getBytes(StandardCharsets.UTF_8);
    }
}
