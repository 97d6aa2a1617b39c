package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Keycloak from the Maven Central distribution, importing the realm file kept under
 * version control. Each storage mode gets its own unpacked copy because Keycloak rebuilds
 * itself whenever its build options change between starts.
 */
final class KeycloakServer implements DevServer {

    static final String REALM = "lgsp";
    static final String CITIZENS_REALM = "congdan";
    /** The staff and agency systems' realm, and the citizens' realm (sign-in through VNeID). */
    private static final java.util.List<String> REALM_FILES = java.util.List.of("lgsp-realm.json", "congdan-realm.json");
    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);

    private final DevServicesSettings.Keycloak settings;
    private final Path archive;
    private final Path distribution;
    private final Path runDir;
    private final boolean ephemeral;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ServerProcess process;

    KeycloakServer(DevServicesSettings.Keycloak settings, Path archives, Path serversDir, Path runDir,
                   boolean ephemeral, int port) {
        this.settings = settings;
        this.archive = archives.resolve("keycloak-quarkus-dist-" + settings.version() + ".tar.gz");
        this.distribution = serversDir.resolve("keycloak-" + settings.version() + (ephemeral ? "-mem" : "-file"));
        this.runDir = runDir;
        this.ephemeral = ephemeral;
        this.port = port;
    }

    @Override
    public String name() {
        return "Keycloak";
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Archives.unpack(archive, distribution);
        installRealm();
        process = ServerProcess.start(name(), List.of(
                        distribution.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--db=" + (ephemeral ? "dev-mem" : "dev-file"),
                        "--import-realm"),
                Map.of("JAVA_HOME", System.getProperty("java.home"),
                        "KC_BOOTSTRAP_ADMIN_USERNAME", settings.adminUsername(),
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword(),
                        // C1 only: Keycloak starts in about half the CPU time on small machines
                        "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1"),
                distribution, runDir.resolve("logs/keycloak.log"), runDir.resolve("keycloak.pid"));
        awaitRealm(REALM, Duration.ofMinutes(5));
        awaitRealm(CITIZENS_REALM, Duration.ofMinutes(1));
    }

    /**
     * Keycloak imports a realm only into an empty database, so when the realm file changed
     * since the last import, the development database is dropped and imported afresh.
     */
    private void installRealm() throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        Map<String, byte[]> realms = new java.util.LinkedHashMap<>();
        for (String file : REALM_FILES) {
            try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/" + file)) {
                if (in == null) {
                    throw new IOException("realm file /keycloak/" + file + " is missing from the classpath");
                }
                byte[] realm = in.readAllBytes();
                realms.put(file, realm);
                all.writeBytes(realm);
            }
        }
        Path data = distribution.resolve("data");
        Path importDir = Files.createDirectories(data.resolve("import"));
        Path hashFile = data.resolve("realm.sha256");
        String hash = sha256(all.toByteArray());
        if (!ephemeral && Files.exists(hashFile) && !Files.readString(hashFile).equals(hash)) {
            log.warn("A realm file changed since Keycloak last imported it: resetting Keycloak's development database");
            Unprivileged.run(List.of("rm", "-rf", data.resolve("h2").toString()));
        }
        for (Map.Entry<String, byte[]> realm : realms.entrySet()) {
            Files.write(importDir.resolve(realm.getKey()), realm.getValue());
        }
        Files.writeString(hashFile, hash);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRealm(String realm, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(url() + "/realms/" + realm + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (true) {
            process.failIfDead();
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak not ready after " + timeout + "; see " + process.logFile());
            }
            Thread.sleep(500);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Map<String, String> properties() {
        // the secrets of the realm file's development clients, and the development key of the journal's
        // identifier hashes; production configures its own
        return Map.ofEntries(
                Map.entry("lgsp.keycloak.url", url()),
                Map.entry("lgsp.keycloak.admin-username", settings.adminUsername()),
                Map.entry("lgsp.keycloak.admin-password", settings.adminPassword()),
                Map.entry("lgsp.keycloak.platform-client-secret", "lgsp-platform-dev-secret"),
                Map.entry("lgsp.workers.client-secret", "lgsp-workers-dev-secret"),
                Map.entry("lgsp.workers.outbound-client-secret", "lgsp-outbound-dev-secret"),
                Map.entry("lgsp.gateway.client-secret", "lgsp-gateway-dev-secret"),
                Map.entry("lgsp.citizens.client-secret", "lgsp-portal-dev-secret"),
                Map.entry("lgsp.citizens.admin-client-secret", "lgsp-platform-congdan-dev-secret"),
                Map.entry("lgsp.gateway.subject-hash-key", "lgsp-development-subject-hash-key-not-for-production"));
    }

    @Override
    public List<ProcessHandle> processes() {
        return process == null ? List.of() : process.processTree();
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop("TERM", Duration.ofSeconds(30));
        }
    }
}
