package vn.hanoi.lgsp.devservices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real Elasticsearch from the Maven Central distribution, single node on loopback, security
 * off (loopback only), run as an unprivileged user when the platform runs as root.
 */
final class ElasticsearchServer implements DevServer {

    private final DevServicesSettings.Elasticsearch settings;
    private final Path archive;
    private final Path distribution;
    private final Path nodeDir;
    private final Path runDir;
    private final int httpPort;
    private final int transportPort;
    private final Path snapshots;
    private final Cluster cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile ServerProcess process;

    ElasticsearchServer(DevServicesSettings.Elasticsearch settings, Path archives, Path serversDir, Path dataRoot,
                        Path runDir, int httpPort, int transportPort) {
        this(settings, archives, serversDir, dataRoot, runDir, httpPort, transportPort,
                dataRoot.resolve("elasticsearch-snapshots"));
    }

    /**
     * @param snapshots the node's snapshot repository root ({@code path.repo}): a filesystem
     *                  repository under it holds the snapshots a restore drill restores elsewhere
     */
    ElasticsearchServer(DevServicesSettings.Elasticsearch settings, Path archives, Path serversDir, Path dataRoot,
                        Path runDir, int httpPort, int transportPort, Path snapshots) {
        this(settings, archives, serversDir, dataRoot, runDir, httpPort, transportPort, snapshots, null);
    }

    /**
     * A node of a cluster of several on loopback (the soak harness runs two), rather than a
     * single-node one.
     *
     * @param clusterName    the cluster every node names
     * @param nodeName       this node's name, one of {@code masterNodes}
     * @param transportPorts every node's transport port, for discovery
     * @param masterNodes    the nodes that elect the first master together
     */
    record Cluster(String clusterName, String nodeName, List<Integer> transportPorts, List<String> masterNodes) {
    }

    ElasticsearchServer(DevServicesSettings.Elasticsearch settings, Path archives, Path serversDir, Path dataRoot,
                        Path runDir, int httpPort, int transportPort, Path snapshots, Cluster cluster) {
        this.settings = settings;
        this.archive = archives.resolve("elasticsearch-" + settings.version() + ".zip");
        this.distribution = serversDir.resolve("elasticsearch-" + settings.version());
        this.nodeDir = dataRoot.resolve("elasticsearch");
        this.runDir = runDir;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.snapshots = snapshots;
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "Elasticsearch";
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Archives.unpack(archive, distribution);
        Path config = nodeDir.resolve("config");
        // a fresh copy of the distribution's config each start, with this node's settings on top
        Unprivileged.run(List.of("rm", "-rf", config.toString()));
        Files.createDirectories(nodeDir);
        Unprivileged.run(List.of("cp", "-r", distribution.resolve("config").toString(), config.toString()));
        List<String> topology = cluster == null
                ? List.of("cluster.name: lgsp-dev", "node.name: lgsp-dev-1", "discovery.type: single-node")
                : List.of("cluster.name: " + cluster.clusterName(), "node.name: " + cluster.nodeName(),
                        "discovery.seed_hosts: [" + String.join(", ", cluster.transportPorts().stream()
                                .map(p -> "\"127.0.0.1:" + p + "\"").toList()) + "]",
                        "cluster.initial_master_nodes: [" + String.join(", ", cluster.masterNodes().stream()
                                .map(n -> "\"" + n + "\"").toList()) + "]");
        Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n", List.of(
                String.join("\n", topology),
                "path.data: " + nodeDir.resolve("data"),
                "path.logs: " + nodeDir.resolve("logs"),
                "path.repo: " + snapshots,
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "xpack.security.enabled: false",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.auto_create_index: true",
                "")));
        Files.createDirectories(nodeDir.resolve("data"));
        Files.createDirectories(nodeDir.resolve("logs"));
        Files.createDirectories(nodeDir.resolve("tmp"));
        Unprivileged.own(nodeDir);
        if (!Files.isDirectory(snapshots)) {
            Files.createDirectories(snapshots);
            Unprivileged.own(snapshots);
        }
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        process = ServerProcess.start(name(),
                Unprivileged.command(List.of(distribution.resolve("bin/elasticsearch").toString())),
                Map.of("ES_JAVA_HOME", System.getProperty("java.home"),
                        "ES_PATH_CONF", nodeDir.resolve("config").toString(),
                        "ES_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap()
                                + " -Djava.io.tmpdir=" + nodeDir.resolve("tmp")),
                distribution, runDir.resolve("logs/" + logName() + ".log"), runDir.resolve(logName() + ".pid"));
        awaitHealthy(Duration.ofMinutes(3));
    }

    private String logName() {
        return cluster == null ? "elasticsearch" : "elasticsearch-" + cluster.nodeName();
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        while (true) {
            process.failIfDead();
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Elasticsearch not healthy after " + timeout + "; see " + process.logFile());
            }
            Thread.sleep(500);
        }
    }

    /** The root under which filesystem snapshot repositories may live ({@code path.repo}). */
    Path snapshots() {
        return snapshots;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("spring.elasticsearch.uris", url());
    }

    @Override
    public List<ProcessHandle> processes() {
        ServerProcess p = process;
        return p == null ? List.of() : p.processTree();
    }

    @Override
    public void stop() {
        ServerProcess p = process;
        if (p != null) {
            p.stop("TERM", Duration.ofSeconds(30));
        }
    }

    /** Starts the node again on the same ports and data, after {@link #stop()}. */
    void restart() throws IOException, InterruptedException {
        launch();
    }

    boolean isRunning() {
        ServerProcess p = process;
        return p != null && p.isAlive();
    }
}
