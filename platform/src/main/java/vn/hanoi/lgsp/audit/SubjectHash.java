package vn.hanoi.lgsp.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A data subject's identifier as the journal keeps it (Decree 13/2023): HMAC-SHA256 under a
 * key the platform holds, so the same person's look-ups can be found when the identifier is
 * known, while the journal alone reveals no identifier (a plain hash of a 12-digit number
 * would be reversed by trying them all). The same hash finds a citizen's entries for them, and
 * marks the exchanges and shipments that name them.
 */
public final class SubjectHash {

    private final SecretKeySpec key;

    public SubjectHash(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("lgsp.gateway.subject-hash-key must be set to a secret of at least 32 "
                    + "characters: it keys the hashes that stand for personal identifiers in the journal");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String hash(String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
