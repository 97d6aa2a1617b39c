package vn.hanoi.lgsp.devservices;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real PostgreSQL from the binaries that io.zonky.test ships on Maven Central, run as a
 * child process (zonky's own launcher cannot drop root, so the platform runs the binaries).
 */
final class PostgresServer implements DevServer {

    private final DevServicesSettings.Postgres settings;
    private final Path binaries;
    private final Path dataDir;
    private final Path runDir;
    private final int port;
    private ServerProcess process;

    PostgresServer(DevServicesSettings.Postgres settings, Path serversDir, Path dataRoot, Path runDir, int port) {
        this.settings = settings;
        this.binaries = serversDir.resolve("postgresql-" + settings.version());
        this.dataDir = dataRoot.resolve("postgresql");
        this.runDir = runDir;
        this.port = port;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void start() throws IOException, InterruptedException {
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            Archives.unpackTxz(txz, binaries);
        }
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        if (fresh) {
            initdb();
        }
        Path socketDir = Files.createDirectories(runDir.resolve("pg-socket"));
        Unprivileged.own(socketDir);
        process = ServerProcess.start(name(), Unprivileged.command(List.of(
                        binaries.resolve("bin/postgres").toString(),
                        "-D", dataDir.toString(),
                        "-p", Integer.toString(port),
                        "-h", "127.0.0.1",
                        "-k", socketDir.toString(),
                        "-c", "max_connections=200")),
                Map.of("LC_ALL", "C"), binaries, runDir.resolve("logs/postgresql.log"), runDir.resolve("postgresql.pid"));
        awaitReadyAndCreateDatabase();
    }

    private void initdb() throws IOException {
        Files.createDirectories(dataDir);
        Path pwFile = dataDir.getParent().resolve(".pg-password");
        Files.writeString(pwFile, settings.password());
        Unprivileged.own(dataDir);
        Unprivileged.own(pwFile);
        Unprivileged.run(Unprivileged.command(List.of(
                binaries.resolve("bin/initdb").toString(),
                "-D", dataDir.toString(),
                "-U", settings.username(),
                "--pwfile=" + pwFile,
                "-A", "scram-sha-256",
                "-E", "UTF8",
                "--locale=C")));
        Files.delete(pwFile);
    }

    private void awaitReadyAndCreateDatabase() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            process.failIfDead();
            try {
                ensureDatabase(settings.database());
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL not ready after 60 s; see " + process.logFile(), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Creates the database unless it exists: a context may ask for its own (process tests do). */
    synchronized void ensureDatabase(String database) {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, settings.username(), settings.password())) {
            var exists = c.prepareStatement("select 1 from pg_database where datname = ?");
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                c.createStatement().execute("create database \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Camunda creates its tables in the session's first schema; with the user named like the
     * platform's own schema, "$user" would put them there, so the session starts in public.
     */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?currentSchema=public";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of(
                "spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", settings.username(),
                "spring.datasource.password", settings.password());
    }

    String jdbcUrl() {
        return jdbcUrl(settings.database());
    }

    @Override
    public List<ProcessHandle> processes() {
        return process == null ? List.of() : process.processTree();
    }

    @Override
    public void stop() {
        if (process != null) {
            // SIGINT is PostgreSQL's "fast" shutdown: roll back open sessions, checkpoint, exit
            process.stop("INT", Duration.ofSeconds(30));
        }
    }
}
