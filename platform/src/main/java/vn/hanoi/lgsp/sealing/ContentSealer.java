package vn.hanoi.lgsp.sealing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal data the platform holds only for a while — a waiting record's content and its
 * applicant's identity, a shipment's recipient — is encrypted before it reaches PostgreSQL
 * so no plaintext of it is in any table, WAL segment or backup: AES-GCM under a fresh key
 * per record, that key wrapped by the master key, which lives outside the database (a secret file
 * here; a KMS or HSM in production). The record's id is bound into both as associated data, so a
 * sealed row cannot be swapped onto another record.
 * <p>
 * Rotation: a new master key becomes {@code lgsp.exchange.master-key-file}; the old ones stay in
 * {@code lgsp.exchange.previous-master-key-files} until the records sealed with them are gone
 * (they live only until delivery, at most the longest deadline).
 */
public final class ContentSealer {

    /** What goes into the database for one record. */
    public record Sealed(byte[] ciphertext, byte[] wrappedKey, String masterKeyId) {
    }

    /** What the record's destination and the identity check need back. */
    public record Opened(byte[] content, String applicantCitizenId, String applicantName) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKey> masterKeys = new LinkedHashMap<>();

    public ContentSealer(Path masterKeyFile, List<Path> previousKeyFiles) {
        if (masterKeyFile == null) {
            throw new IllegalStateException("lgsp.exchange.master-key-file must name the file holding the master key "
                    + "(32 random bytes, base64) that encrypts waiting records; keep it outside PostgreSQL and its backups");
        }
        SecretKey current = read(masterKeyFile);
        this.currentId = idOf(current);
        masterKeys.put(currentId, current);
        for (Path previous : previousKeyFiles == null ? List.<Path>of() : previousKeyFiles) {
            SecretKey key = read(previous);
            masterKeys.putIfAbsent(idOf(key), key);
        }
    }

    public Sealed seal(UUID exchangeId, byte[] content, String citizenId, String name) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey dataKey = generator.generateKey();
            byte[] ciphertext = encrypt(dataKey, bundle(content, citizenId, name), aad(exchangeId, "content"));
            byte[] wrapped = encrypt(masterKeys.get(currentId), dataKey.getEncoded(), aad(exchangeId, currentId));
            return new Sealed(ciphertext, wrapped, currentId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the record's content", e);
        }
    }

    /**
     * An HMAC-SHA256 under a key derived from the current master key for this purpose: a digest
     * of personal data that may be kept, since it cannot be checked against guesses without the key.
     */
    public byte[] digest(String purpose, byte[] data) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(masterKeys.get(currentId));
            byte[] key = derive.doFinal(("digest/" + purpose).getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot take the digest", e);
        }
    }

    public Opened open(UUID exchangeId, Sealed sealed) {
        SecretKey master = masterKeys.get(sealed.masterKeyId());
        if (master == null) {
            throw new IllegalStateException("record " + exchangeId + " was sealed with master key " + sealed.masterKeyId()
                    + ", which is not configured (lgsp.exchange.previous-master-key-files)");
        }
        try {
            byte[] dataKey = decrypt(master, sealed.wrappedKey(), aad(exchangeId, sealed.masterKeyId()));
            return unbundle(decrypt(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(), aad(exchangeId, "content")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("record " + exchangeId + " cannot be decrypted: altered or sealed elsewhere", e);
        }
    }

    private byte[] encrypt(SecretKey key, byte[] plain, byte[] aad) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad);
        byte[] ct = cipher.doFinal(plain);
        return ByteBuffer.allocate(IV_BYTES + ct.length).put(iv).put(ct).array();
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }

    private static byte[] aad(UUID exchangeId, String purpose) {
        return (exchangeId + "/" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bundle(byte[] content, String citizenId, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(citizenId == null ? "" : citizenId);
            out.writeUTF(name == null ? "" : name);
            out.writeInt(content.length);
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Opened unbundle(byte[] bundle) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bundle))) {
            String citizenId = in.readUTF();
            String name = in.readUTF();
            byte[] content = in.readNBytes(in.readInt());
            return new Opened(content, citizenId.isEmpty() ? null : citizenId, name.isEmpty() ? null : name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SecretKey read(Path file) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length != 32) {
                throw new IllegalStateException("master key " + file + " must be 32 bytes (base64), not " + key.length);
            }
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the master key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("master key " + file + " is not base64", e);
        }
    }

    /** A short name for a key that reveals nothing of it. */
    private static String idOf(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
