package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL and Elasticsearch refuse to run as root. When the platform itself runs as
 * root (CI, containers) they are started as an unprivileged uid instead, owning their
 * data directories.
 */
final class Unprivileged {

    static final int UID = 65534;

    private Unprivileged() {
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command, prefixed so that it drops root if needed. */
    static List<String> command(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups"));
        }
        full.addAll(command);
        return full;
    }

    /** Gives a directory tree to the unprivileged user (no-op when not root). */
    static void own(Path directory) throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        run(List.of("chown", "-R", UID + ":" + UID, directory.toString()));
    }

    /** True when every ancestor lets others through, so the unprivileged user can reach it. */
    static boolean reachable(Path directory) {
        if (!runningAsRoot()) {
            return true;
        }
        for (Path p = directory.toAbsolutePath(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }
}
