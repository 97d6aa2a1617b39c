package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Unpacks server distributions once; a marker file says the unpacking finished. */
final class Archives {

    private static final String MARKER = ".unpacked";

    private Archives() {
    }

    static boolean isUnpacked(Path target) {
        return Files.exists(target.resolve(MARKER));
    }

    /** Unpacks a .zip or .tar.gz whose entries sit under one top folder into {@code target}. */
    static void unpack(Path archive, Path target) throws IOException {
        if (isUnpacked(target)) {
            return;
        }
        if (!Files.exists(archive)) {
            throw new IOException("Server archive " + archive + " is missing: build the project first (./mvnw package)");
        }
        Path staging = Files.createDirectories(target.getParent()).resolve(target.getFileName() + ".tmp");
        Unprivileged.run(List.of("rm", "-rf", staging.toString()));
        Files.createDirectories(staging);
        String name = archive.getFileName().toString();
        if (name.endsWith(".zip")) {
            Unprivileged.run(List.of("unzip", "-q", archive.toString(), "-d", staging.toString()));
        } else {
            Unprivileged.run(List.of("tar", "-xzf", archive.toString(), "-C", staging.toString()));
        }
        try (var entries = Files.list(staging)) {
            Path top = entries.findFirst().orElseThrow(() -> new IOException("empty archive " + archive));
            Unprivileged.run(List.of("rm", "-rf", target.toString()));
            Files.move(top, target);
        }
        Files.delete(staging);
        Files.createFile(target.resolve(MARKER));
    }

    /** Unpacks an .txz stream (the PostgreSQL binaries bundle) keeping modes and links. */
    static void unpackTxz(InputStream txz, Path target) throws IOException {
        if (isUnpacked(target)) {
            return;
        }
        Path staging = Files.createDirectories(target.getParent()).resolve(target.getFileName() + ".tmp");
        Unprivileged.run(List.of("rm", "-rf", staging.toString()));
        Files.createDirectories(staging);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("archive entry outside target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(modeString(entry.getMode())));
                }
            }
        }
        Unprivileged.run(List.of("rm", "-rf", target.toString()));
        Files.move(staging, target);
        Files.createFile(target.resolve(MARKER));
    }

    private static String modeString(int mode) {
        // readable by everyone so that an unprivileged server can use binaries unpacked by root
        int effective = mode | 0444 | ((mode & 0100) != 0 ? 0111 : 0);
        char[] rwx = "rwxrwxrwx".toCharArray();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            s.append((effective & (1 << (8 - i))) != 0 ? rwx[i] : '-');
        }
        return s.toString();
    }
}
