package vn.hanoi.lgsp.devservices;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private final DevFolders folders;
    private final DevServicesSettings settings;
    private final DevelopmentKeys keys;
    private final Map<String, DevServer> servers = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> dependents = new CopyOnWriteArrayList<>();
    private final long startedMillis;
    private boolean stopped;

    private DevServices(DevFolders folders, DevServicesSettings settings) {
        this.folders = folders;
        this.settings = settings;
        this.keys = new DevelopmentKeys(folders.dataRoot());
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
        DevFolders folders = DevFolders.prepare(settings);
        Path serversDir = folders.servers();
        Path dataRoot = folders.dataRoot();
        Path runDir = folders.runDir();
        Path archives = folders.archives();
        DevServices services = new DevServices(folders, settings);
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
                        settings.ephemeral() ? serversDir : folders.ownServers(), runDir,
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
        say("Starting development servers under " + folders.home() + ": "
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
    static void say(String line) {
        System.out.println("[dev-services] " + line);
    }

    /** The properties for a context; one that names another database gets that database. */
    Map<String, String> propertiesFor(DevServicesSettings settings) {
        Map<String, String> forContext = new LinkedHashMap<>(properties);
        if (servers.get("postgres") instanceof PostgresServer postgres) {
            postgres.ensureDatabase(settings.postgres().database());
            forContext.put("spring.datasource.url", postgres.jdbcUrl(settings.postgres().database()));
            // the development database's records are sealed with a development key kept beside it
            forContext.put("lgsp.exchange.master-key-file", keys.masterKey().toString());
            forContext.put("lgsp.audit.signing-key-file", keys.journalKey().toString());
        }
        return forContext;
    }

    /**
     * A PostgreSQL server of the same version on another data folder (its {@code postgresql}
     * directory), e.g. one restored from a base backup; not started, not stopped with this set.
     */
    PostgresServer postgresOn(Path otherDataRoot, Path otherRunDir, int port) {
        return new PostgresServer(settings.postgres(), folders.servers(), otherDataRoot, otherRunDir, port);
    }

    /** An Elasticsearch node of the same version on another data folder, reading the same snapshot root. */
    ElasticsearchServer elasticsearchOn(Path otherDataRoot, Path otherRunDir, int httpPort, int transportPort) {
        return new ElasticsearchServer(settings.elasticsearch(), folders.archives(), folders.servers(), otherDataRoot, otherRunDir,
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
        return new ElasticsearchServer(settings.elasticsearch(), folders.archives(), folders.servers(), nodeDataRoot, nodeRunDir,
                httpPort, transportPort, nodeDataRoot.resolve("snapshots"), cluster);
    }

    /** Where this set keeps its data folders; a drill puts the restored copies beside them. */
    Path dataRoot() {
        return folders.dataRoot();
    }

    /** PostgreSQL's data directory (tables, WAL), for tests that look at what reached the disk. */
    public Path postgresDataDirectory() {
        return folders.dataRoot().resolve("postgresql");
    }

    /**
     * The default run failed to start: stop the servers now and let the JVM end. The test
     * suite keeps them: other test contexts of the same JVM still use them.
     */
    void stopAfterFailedStart() {
        if (settings.ephemeral()) {
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
        if (settings.ephemeral()) {
            try {
                Unprivileged.run(List.of("rm", "-rf", folders.dataRoot().toString()));
            } catch (IOException e) {
                log.warn("Could not delete {}", folders.dataRoot(), e);
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
        try (var files = Files.walk(folders.runDir().resolve("logs"))) {
            List<Path> logs = new ArrayList<>(files.filter(Files::isRegularFile).toList());
            Path esLogs = folders.dataRoot().resolve("elasticsearch/logs");
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
        return folders.home();
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
}
