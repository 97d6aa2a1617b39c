package vn.hanoi.lgsp.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * A node of the platform in a JVM of its own (the same artifact, one or more roles), on the
 * servers a test's context already uses: what a second engine node, a workers process or a
 * platform restarted on restored data is in production. It can be stopped as an operator
 * would (SIGTERM) or killed (SIGKILL).
 */
public final class PlatformNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Nodes still running when the test JVM ends (a failed or timed-out test) are killed with it. */
    private static final java.util.Set<PlatformNode> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(n -> {
            if (n.process != null) {
                n.process.destroyForcibly();
            }
        }), "platform-nodes-shutdown"));
    }

    private final String name;
    private final List<String> command;
    /** The node's settings, handed over in its environment: a command line is readable by every local user. */
    private final String settingsJson;
    private final Path log;
    private final int port;
    private final boolean web;
    private Process process;
    private long logOffset;

    private PlatformNode(String name, List<String> command, String settingsJson, Path log, int port, boolean web) {
        this.name = name;
        this.command = command;
        this.settingsJson = settingsJson;
        this.log = log;
        this.port = port;
        this.web = web;
    }

    /**
     * A node configured like {@code environment}'s platform (its development servers' addresses
     * and keys), with {@code overrides} on top, e.g. {@code lgsp.roles=engine}.
     */
    public static PlatformNode like(ConfigurableEnvironment environment, String name, Map<String, String> overrides) {
        return withSettings(name, developmentSettings(environment), overrides);
    }

    /** What the development servers told {@code environment}'s platform: their addresses, secrets and key files. */
    public static Map<String, String> developmentSettings(ConfigurableEnvironment environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        PropertySource<?> devServices = environment.getPropertySources().get("lgspDevServices");
        if (devServices instanceof EnumerablePropertySource<?> source) {
            for (String key : source.getPropertyNames()) {
                settings.put(key, String.valueOf(source.getProperty(key)));
            }
        }
        return settings;
    }

    /** A node with exactly these settings (and the test configuration the classpath carries). */
    public static PlatformNode withSettings(String name, Map<String, String> settings, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(overrides);
        int port = all.containsKey("server.port") ? Integer.parseInt(all.get("server.port")) : freePort();
        all.put("server.port", String.valueOf(port));
        all.putIfAbsent("logging.file.name", "target/test-logs/node-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath());
        command.add("vn.hanoi.lgsp.LgspApplication");
        // the roles on the command line too: the launcher picks the role's application from them
        command.add("--lgsp.roles=" + all.getOrDefault("lgsp.roles", "engine,workers"));
        String json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(all);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        boolean web = all.getOrDefault("lgsp.roles", "engine,workers").contains("engine");
        return new PlatformNode(name, command, json, Path.of("target/test-logs/node-" + name + ".out"), port, web);
    }

    /** Starts the JVM and waits until its web server answers (or, for a node without one, its log says so). */
    public PlatformNode start(Duration within) {
        try {
            Files.createDirectories(log.getParent());
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, "# " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SPRING_APPLICATION_JSON", settingsJson);
            process = builder.start();
            RUNNING.add(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + name, e);
        }
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                RUNNING.remove(this);
                throw new IllegalStateException("node " + name + " ended with " + process.exitValue() + "; see " + log);
            }
            if (started()) {
                return this;
            }
            sleep(250);
        }
        kill();
        throw new IllegalStateException("node " + name + " not up within " + within + "; see " + log);
    }

    /** "Started …" in this start's part of the log, and for a node with a web server, an answer. */
    private boolean started() {
        try {
            byte[] all = Files.readAllBytes(log);
            String since = new String(all, (int) Math.min(logOffset, all.length), (int) Math.max(0, all.length - logOffset),
                    java.nio.charset.StandardCharsets.UTF_8);
            return since.contains("Started ") && (!web || answers());
        } catch (IOException e) {
            return false;
        }
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the node gets no chance to finish anything. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
            RUNNING.remove(this);
        }
    }

    /** SIGTERM, as an operator stops a node; killed if it has not ended within a minute. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(60))) {
                kill();
            }
            RUNNING.remove(this);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * This JVM's class path as a plain list. Surefire hands its forks a single jar whose manifest
     * names the real entries; a JVM started with that jar would see each entry twice in
     * {@code classpath*:} scans (once through the class loader, once through the manifest).
     */
    public static String classPath() {
        String own = System.getProperty("java.class.path");
        String[] entries = own.split(java.io.File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            // an empty entry would put the working directory (the repository, with its models) on the path
            return java.util.Arrays.stream(entries).filter(e -> !e.isBlank())
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entries[0])) {
            java.util.jar.Manifest manifest = jar.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (listed == null || listed.isBlank()) {
                return own;
            }
            Path base = Path.of(entries[0]).toAbsolutePath().getParent();
            List<String> paths = new ArrayList<>();
            for (String entry : listed.trim().split("\\s+")) {
                String path = Path.of(base.toUri().resolve(entry)).toString();
                if (!path.isBlank()) {
                    paths.add(path);
                }
            }
            return String.join(java.io.File.pathSeparator, paths);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class path of " + entries[0], e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
