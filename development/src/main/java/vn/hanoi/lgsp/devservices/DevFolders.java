package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the development servers live on disk: the unpacked distributions, shared by every home
 * (Keycloak's excepted: it keeps a file database), and the data and run folders of this home,
 * or of one run when the set is ephemeral.
 *
 * @param home          the development home, or its stand-in under {@code /var/tmp} when the
 *                      unprivileged server user cannot reach it
 * @param servers       unpacked distributions shared across homes
 * @param ownServers    unpacked distributions kept per home
 * @param dataRoot      the servers' data folders
 * @param runDir        sockets, pid files and logs
 * @param archives      the downloaded distributions
 */
record DevFolders(Path home, Path servers, Path ownServers, Path dataRoot, Path runDir, Path archives) {

    /** Makes the folders the settings ask for. */
    static DevFolders prepare(DevServicesSettings settings) throws IOException {
        Path home = settings.home().toAbsolutePath().normalize();
        // unpacked distributions hold no state, except Keycloak's file database (kept per home)
        Path sharedServers = home.resolve("servers");
        if (!Unprivileged.reachable(home)) {
            // the unprivileged server user cannot enter a private folder such as a mktemp checkout
            Path fallback = Path.of("/var/tmp", "lgsp-dev");
            Path fallbackHome = fallback.resolve(shortHash(home.toString()));
            DevServices.say(home + " is not reachable for the unprivileged server user; using " + fallbackHome);
            home = fallbackHome;
            sharedServers = fallback.resolve("servers");
        }
        Files.createDirectories(home);
        Path servers = Files.createDirectories(sharedServers);
        Path ownServers = Files.createDirectories(home.resolve("servers"));
        Path dataRoot = settings.ephemeral()
                ? Files.createTempDirectory(Files.createDirectories(home.resolve("ephemeral")), "run-")
                : Files.createDirectories(home.resolve("data"));
        Path runDir = settings.ephemeral() ? dataRoot.resolve("run") : Files.createDirectories(home.resolve("run"));
        Files.createDirectories(runDir);
        if (settings.ephemeral()) {
            Unprivileged.own(dataRoot);
        }
        return new DevFolders(home, servers, ownServers, dataRoot, runDir, settings.archives().toAbsolutePath());
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes());
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
