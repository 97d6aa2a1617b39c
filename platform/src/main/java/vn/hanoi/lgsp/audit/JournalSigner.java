package vn.hanoi.lgsp.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The LGSP's journal key (Ed25519): signs each day's anchor. The key file holds two lines,
 * {@code private: <PKCS#8, base64>} and {@code public: <X.509, base64>}; in production it lives
 * outside PostgreSQL and its backups (a secret file or an HSM-backed mount), so whoever can edit
 * the database cannot re-sign the chain.
 */
public final class JournalSigner {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private JournalSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyIdOf(publicKey);
    }

    static JournalSigner load(Path file) {
        if (file == null) {
            throw new IllegalStateException("lgsp.audit.signing-key-file must name the file holding the journal's "
                    + "signing key; README, \"Audit journal\", says how to make one");
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String privatePart = part(lines, "private:", file);
            String publicPart = part(lines, "public:", file);
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            return new JournalSigner(
                    keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privatePart))),
                    keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicPart))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the journal signing key " + file + " is not an Ed25519 key pair", e);
        }
    }

    /** Writes a new key pair to the file (owner-only), for development and for operators making one. */
    public static void generate(Path file) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "private: " + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                    + "\npublic: " + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions protect it
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private static String part(List<String> lines, String prefix, Path file) {
        return lines.stream().map(String::strip).filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip()).findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " has no '" + prefix + "' line"));
    }

    String keyId() {
        return keyId;
    }

    String sign(byte[] statement) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(statement);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the journal anchor", e);
        }
    }

    boolean verify(byte[] statement, String signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(statement);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String keyIdOf(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a key file: {@code java -cp lgsp-platform.jar vn.hanoi.lgsp.audit.JournalSigner /run/secrets/journal-key}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JournalSigner <key file to write>");
            System.exit(2);
        }
        generate(Path.of(args[0]));
        System.out.println("Journal signing key written to " + args[0] + " (key id " + load(Path.of(args[0])).keyId() + ")");
    }
}
