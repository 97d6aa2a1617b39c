package vn.hanoi.lgsp.devservices;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real servers the platform starts for itself: PostgreSQL, Elasticsearch, Keycloak and
 * an SMTP server, each only when its URL is not configured. One set per JVM: the default
 * run and every Spring context of the test suite share it, and it stops at JVM exit after
 * the contexts that use it have closed.
 */
public final class DevServices {

    private static final Logger log = LoggerFactory.getLogger(DevServices.class);

    // one set of servers per JVM, shared across Spring contexts (test context caching)
    private static volatile DevServices shared;

    private final Path home;
    private final Path dataRoot;
    private final Path runDir;
    private final boolean ephemeral;
    private DevServicesSettings settings;
    private Path serversDir;
    private Path archives;
    private final Map<String, DevServer> servers = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> dependents = new CopyOnWriteArrayList<>();
    private final long startedMillis;
    private boolean stopped;

    private DevServices(Path home, Path dataRoot, Path runDir, boolean ephemeral) {
        this.home = home;
        this.dataRoot = dataRoot;
        this.runDir = runDir;
        this.ephemeral = ephemeral;
        this.startedMillis = System.currentTimeMillis();
    }

    /**
     * Starts, once per JVM, every server whose property {@code isConfigured} says is missing.
     */
    static synchronized DevServices startOnce(DevServicesSettings settings, Predicate<String> isConfigured) {
        if (shared != null) {
            return shared;
        }
        try {
            shared = start(settings, isConfigured);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the development servers: " + e.getMessage(), e);
        }
        return shared;
    }

    /** The servers of this JVM, if any were started. */
    public static java.util.Optional<DevServices> current() {
        return java.util.Optional.ofNullable(shared);
    }

    private static DevServices start(DevServicesSettings settings, Predicate<String> isConfigured) throws Exception {
        Path home = settings.home().toAbsolutePath().normalize();
        // unpacked distributions hold no state, except Keycloak's file database (kept per home)
        Path sharedServers = home.resolve("servers");
        if (!Unprivileged.reachable(home)) {
            // the unprivileged server user cannot enter a private folder such as a mktemp checkout
            Path fallback = Path.of("/var/tmp", "lgsp-dev");
            Path fallbackHome = fallback.resolve(shortHash(home.toString()));
            say(home + " is not reachable for the unprivileged server user; using " + fallbackHome);
            home = fallbackHome;
            sharedServers = fallback.resolve("servers");
        }
        Files.createDirectories(home);
        Path serversDir = Files.createDirectories(sharedServers);
        Path ownServersDir = Files.createDirectories(home.resolve("servers"));
        Path dataRoot = settings.ephemeral()
                ? Files.createTempDirectory(Files.createDirectories(home.resolve("ephemeral")), "run-")
                : Files.createDirectories(home.resolve("data"));
        Path runDir = settings.ephemeral() ? dataRoot.resolve("run") : Files.createDirectories(home.resolve("run"));
        Files.createDirectories(runDir);
        if (settings.ephemeral()) {
            Unprivileged.own(dataRoot);
        }
        Path archives = settings.archives().toAbsolutePath();

        DevServices services = new DevServices(home, dataRoot, runDir, settings.ephemeral());
        services.settings = settings;
        services.serversDir = serversDir;
        services.archives = archives;
        String host = settings.bindHost();
        try (PortPicker ports = new PortPicker()) {
            if (!isConfigured.test("spring.datasource.url")) {
                services.servers.put("postgres", new PostgresServer(settings.postgres(), serversDir, dataRoot, runDir,
                        ports.port(settings.postgres().port())));
            }
            if (!isConfigured.test("spring.elasticsearch.uris")) {
                services.servers.put("elasticsearch", new ElasticsearchServer(settings.elasticsearch(), archives, serversDir,
                        dataRoot, runDir, ports.port(settings.elasticsearch().port()), ports.port(0)));
            }
            if (!isConfigured.test("lgsp.keycloak.url")) {
                services.servers.put("keycloak", new KeycloakServer(settings.keycloak(), archives,
                        settings.ephemeral() ? serversDir : ownServersDir, runDir,
                        settings.ephemeral(), ports.port(settings.keycloak().port())));
            }
            if (!isConfigured.test("spring.mail.host")) {
                services.servers.put("smtp", new SmtpServer(host, ports.port(settings.smtp().port())));
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(services::shutdown, "dev-services-shutdown"));
        services.startAll();
        return services;
    }

    private void startAll() throws Exception {
        long t0 = System.nanoTime();
        say("Starting development servers under " + home + ": "
                + servers.values().stream().map(DevServer::name).toList());
        // the servers are independent: start them side by side, the slowest sets the pace
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (DevServer server : servers.values()) {
            starts.add(CompletableFuture.runAsync(() -> {
                long s = System.nanoTime();
                try {
                    server.start();
                } catch (Exception e) {
                    throw new IllegalStateException(server.name() + ": " + e.getMessage(), e);
                }
                say(server.name() + " ready in " + (System.nanoTime() - s) / 1_000_000 + " ms");
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            shutdown();
            Throwable cause = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            throw cause instanceof Exception exception ? exception : new IllegalStateException(cause);
        }
        servers.values().forEach(s -> properties.putAll(s.properties()));
        say("Development servers ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /**
     * Progress on the console: this runs before Spring's logging is set up, when log lines
     * would be dropped.
     */
    private static void say(String line) {
        System.out.println("[dev-services] " + line);
    }

    /** The properties for a context; one that names another database gets that database. */
    Map<String, String> propertiesFor(DevServicesSettings settings) {
        Map<String, String> forContext = new LinkedHashMap<>(properties);
        if (servers.get("postgres") instanceof PostgresServer postgres) {
            postgres.ensureDatabase(settings.postgres().database());
            forContext.put("spring.datasource.url", postgres.jdbcUrl(settings.postgres().database()));
            // the development database's records are sealed with a development key kept beside it
            forContext.put("lgsp.exchange.master-key-file", developmentMasterKey().toString());
            forContext.put("lgsp.audit.signing-key-file", developmentJournalKey().toString());
        }
        return forContext;
    }

    /**
     * A PostgreSQL server of the same version on another data folder (its {@code postgresql}
     * directory), e.g. one restored from a base backup; not started, not stopped with this set.
     */
    PostgresServer postgresOn(Path otherDataRoot, Path otherRunDir, int port) {
        return new PostgresServer(settings.postgres(), serversDir, otherDataRoot, otherRunDir, port);
    }

    /** An Elasticsearch node of the same version on another data folder, reading the same snapshot root. */
    ElasticsearchServer elasticsearchOn(Path otherDataRoot, Path otherRunDir, int httpPort, int transportPort) {
        return new ElasticsearchServer(settings.elasticsearch(), archives, serversDir, otherDataRoot, otherRunDir,
                httpPort, transportPort, elasticsearch().snapshots());
    }

    /** Elasticsearch's snapshot root ({@code path.repo}), where filesystem repositories may live. */
    Path elasticsearchSnapshotRoot() {
        return elasticsearch().snapshots();
    }

    /** The JDBC URL of another database on this set's PostgreSQL, made if missing (a harness's own). */
    String postgresDatabase(String database) {
        PostgresServer postgres = (PostgresServer) servers.get("postgres");
        postgres.ensureDatabase(database);
        return postgres.jdbcUrl(database);
    }

    /** An Elasticsearch node of a cluster of several, on its own data folder. */
    ElasticsearchServer elasticsearchClusterNode(Path nodeDataRoot, Path nodeRunDir, int httpPort, int transportPort,
                                                 ElasticsearchServer.Cluster cluster) {
        return new ElasticsearchServer(settings.elasticsearch(), archives, serversDir, nodeDataRoot, nodeRunDir,
                httpPort, transportPort, nodeDataRoot.resolve("snapshots"), cluster);
    }

    /** Where this set keeps its data folders; a drill puts the restored copies beside them. */
    Path dataRoot() {
        return dataRoot;
    }

    /** PostgreSQL's data directory (tables, WAL), for tests that look at what reached the disk. */
    public Path postgresDataDirectory() {
        return dataRoot.resolve("postgresql");
    }

    /** The journal's signing key, made once per data folder, outside PostgreSQL's own directory. */
    private synchronized Path developmentJournalKey() {
        Path key = dataRoot.resolve("secrets/journal-signing-key");
        if (!Files.exists(key)) {
            vn.hanoi.lgsp.audit.JournalSigner.generate(key);
        }
        return key;
    }

    /** A random master key made once per data folder, outside PostgreSQL's own directory. */
    private synchronized Path developmentMasterKey() {
        Path key = dataRoot.resolve("secrets/record-master-key");
        try {
            if (!Files.exists(key)) {
                Files.createDirectories(key.getParent());
                byte[] bytes = new byte[32];
                new java.security.SecureRandom().nextBytes(bytes);
                Files.writeString(key, java.util.Base64.getEncoder().encodeToString(bytes));
                try {
                    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no such permissions; the folder's own protect it
                }
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the development master key " + key, e);
        }
    }

    /**
     * The default run failed to start: stop the servers now and let the JVM end. The test
     * suite keeps them: other test contexts of the same JVM still use them.
     */
    void stopAfterFailedStart() {
        if (ephemeral) {
            return;
        }
        say("The platform failed to start");
        shutdown();
        System.exit(1);
    }

    /** Contexts to close before the servers under them stop. */
    void registerDependent(ConfigurableApplicationContext context) {
        dependents.add(context);
    }

    private synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        say("Stopping development servers");
        for (ConfigurableApplicationContext context : dependents) {
            try {
                context.close();
            } catch (RuntimeException e) {
                log.debug("closing context at exit", e);
            }
        }
        List<DevServer> reverse = new ArrayList<>(servers.values());
        java.util.Collections.reverse(reverse);
        reverse.parallelStream().forEach(DevServer::stop);
        if (ephemeral) {
            try {
                Unprivileged.run(List.of("rm", "-rf", dataRoot.toString()));
            } catch (IOException e) {
                log.warn("Could not delete {}", dataRoot, e);
            }
        }
    }

    /** Resident memory of every server process this JVM started, in bytes. */
    public long serversResidentBytes() {
        long total = 0;
        for (DevServer server : servers.values()) {
            for (ProcessHandle p : server.processes()) {
                total += ResidentMemory.of(p.pid());
            }
        }
        return total;
    }

    /** Log files the servers write (for checks that nothing sensitive was logged). */
    public List<Path> logFiles() {
        try (var files = Files.walk(runDir.resolve("logs"))) {
            List<Path> logs = new ArrayList<>(files.filter(Files::isRegularFile).toList());
            Path esLogs = dataRoot.resolve("elasticsearch/logs");
            if (Files.isDirectory(esLogs)) {
                try (var es = Files.walk(esLogs)) {
                    es.filter(Files::isRegularFile).forEach(logs::add);
                }
            }
            return logs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Duration sinceStart() {
        return Duration.ofMillis(System.currentTimeMillis() - startedMillis);
    }

    public boolean started(String server) {
        return servers.containsKey(server);
    }

    public Path home() {
        return home;
    }

    /** Stops Elasticsearch, keeping its data, so tests can see the platform ride out an outage. */
    public void stopElasticsearch() {
        elasticsearch().stop();
    }

    /** Starts Elasticsearch again after {@link #stopElasticsearch()}, on the same port and data. */
    public void restartElasticsearch() {
        try {
            elasticsearch().restart();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ElasticsearchServer elasticsearch() {
        DevServer server = servers.get("elasticsearch");
        if (!(server instanceof ElasticsearchServer es)) {
            throw new IllegalStateException("Elasticsearch is not a development server in this JVM");
        }
        return es;
    }

    /** Every message the in-process SMTP server received. */
    public List<MimeMessage> receivedMail() {
        DevServer server = servers.get("smtp");
        if (!(server instanceof SmtpServer smtp)) {
            throw new IllegalStateException("SMTP is not a development server in this JVM");
        }
        return smtp.receivedMessages();
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes());
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Free ports for the servers: every socket stays open until all ports are chosen, so that
     * two servers are never handed the same one (a closed socket's port can come back at once).
     */
    private static final class PortPicker implements AutoCloseable {

        private final List<ServerSocket> held = new ArrayList<>();

        int port(int configured) throws IOException {
            if (configured != 0) {
                return configured;
            }
            ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            held.add(socket);
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
