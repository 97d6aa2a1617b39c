package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import vn.hanoi.lgsp.audit.JournalSigner;

/**
 * The keys the development database's records are sealed and its journal signed with: made
 * once per data folder and kept beside it, outside PostgreSQL's own directory.
 */
final class DevelopmentKeys {

    private final Path dataRoot;

    DevelopmentKeys(Path dataRoot) {
        this.dataRoot = dataRoot;
    }

    /** The journal's signing key. */
    synchronized Path journalKey() {
        Path key = dataRoot.resolve("secrets/journal-signing-key");
        if (!Files.exists(key)) {
            JournalSigner.generate(key);
        }
        return key;
    }

    /** A random master key for the records. */
    synchronized Path masterKey() {
        Path key = dataRoot.resolve("secrets/record-master-key");
        try {
            if (!Files.exists(key)) {
                Files.createDirectories(key.getParent());
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                Files.writeString(key, Base64.getEncoder().encodeToString(bytes));
                try {
                    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no such permissions; the folder's own protect it
                }
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the development master key " + key, e);
        }
    }
}
