package vn.hanoi.lgsp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.ConfigurableEnvironment;
import vn.hanoi.lgsp.audit.JournalSigner;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.LoopbackBalancer;
import vn.hanoi.lgsp.support.PlatformNode;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-05, R-23 (Đ7.5, Đ11.6): the platform's image, built by the {@code images} Maven profile from
 * Debian's packages and the application's layers, runs as the city runs it. Under podman (runc,
 * cgroupfs, the host's network), each container with a read-only root filesystem and a tmpfs on
 * /tmp, a memory limit the JVM sizes its heap from, its settings in an env file and its key files
 * mounted read-only: two engine containers and one workers container, behind a load balancer, on
 * the test's own PostgreSQL (a database of their own, so that only the containers' engines work on
 * it), Elasticsearch, Keycloak and SMTP. A record submitted to one engine container completes;
 * then that container is stopped as an operator stops it ({@code podman stop}: SIGTERM) while
 * records are in flight, and every one of them completes through the other, none lost, none twice.
 *
 * <p>The image holds no development tooling. The containers are told they are a development run
 * ({@code lgsp.dev-services.enabled}), pointed at the test's servers, which they cannot start
 * themselves: those servers use the published demo secrets, which a production start refuses —
 * as the image, started without settings, shows it does.
 */
@Tag("slow")
class ContainerImageTest extends PlatformTest {

    private static final Logger log = LoggerFactory.getLogger(ContainerImageTest.class);

    static final String IMAGE = "registry.lgsp.hanoi.gov.vn/lgsp/lgsp-platform:1.0.0";
    static final Path IMAGE_ARCHIVE = Path.of("platform/target/images/lgsp-platform-1.0.0.tar");
    /** The development tooling's demo data, mounted into the engine containers for their migrations. */
    private static final Path DEMO_DATA = Path.of("development/src/main/resources/db/demo");
    private static final String DEMO_DATA_MOUNT = "/opt/lgsp-demo";
    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    static final Keycloak.Client WARD_SYSTEM = new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD);
    /** Records in flight when an engine container is stopped. */
    static final int IN_FLIGHT = 6;
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ConfigurableEnvironment environment;
    @Value("${spring.datasource.url}")
    String jdbcUrl;
    @Value("${spring.datasource.username}")
    String dbUser;
    @Value("${spring.datasource.password}")
    String dbPassword;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void engineAndWorkersContainersCompleteRecordsAndAnEngineStoppedMidwayLosesNone() throws Exception {
        assumeTrue(Podman.installed(), "podman is not installed: the container image is not tested here "
                + "(.ci/run installs podman, runc and mmdebstrap; apt-get install podman runc mmdebstrap)");
        Instant t0 = Instant.now();
        buildAndLoadImage();
        Duration building = Duration.between(t0, Instant.now());

        String suffix = Long.toHexString(System.nanoTime());
        String database = "lgsp_images_" + suffix;
        Path secrets = Files.createTempDirectory("lgsp-image-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int portA = PlatformNode.freePort();
        int portB = PlatformNode.freePort();
        String engineA = "lgsp-engine-a-" + suffix;
        String engineB = "lgsp-engine-b-" + suffix;
        String workers = "lgsp-workers-" + suffix;
        try (Podman podman = new Podman(); LoopbackBalancer balancer = new LoopbackBalancer(List.of(portA, portB))) {
            // the image's default is a production installation: without its settings it refuses to start
            List<String> bareRun = new ArrayList<>(List.of("run", "--rm", "--network=host", "--read-only",
                    "--tmpfs", "/tmp", "--env", "LGSP_ROLES=engine"));
            bareRun.addAll(Podman.LIMITS);
            bareRun.add(IMAGE);
            Podman.Result bare = podman.podman(Duration.ofMinutes(2), bareRun);
            assertThat(bare.exit()).as(bare.output()).isNotZero();
            assertThat(bare.output()).contains("will not start as a production installation",
                    "spring.datasource.url is not configured");
            assertThat(podman.succeed(Duration.ofSeconds(30), List.of("image", "inspect", "--format",
                    "{{.Config.User}}", IMAGE))).isEqualTo("10001:10001");

            String containerJdbc = createDatabase(database);
            Path envFile = settings(secrets, containerJdbc);
            // the key files, and the demo data the suite's agency systems are registered by: the image has none
            List<String> keys = List.of(
                    "--volume", secrets.resolve("record-master-key") + ":/run/secrets/lgsp/record-master-key:ro",
                    "--volume", secrets.resolve("journal-signing-key") + ":/run/secrets/lgsp/journal-signing-key:ro",
                    "--volume", DEMO_DATA.toAbsolutePath() + ":" + DEMO_DATA_MOUNT + ":ro");

            // engine A makes the schema on the empty database; the workers wait for an engine meanwhile
            Instant starting = Instant.now();
            podman.start(engineA, engine(envFile, keys, portA), IMAGE);
            podman.start(workers, List.of("--env-file", envFile.toString(), "--memory", "512m",
                    "--env", "LGSP_ROLES=workers",
                    "--env", "LGSP_WORKERS_ENGINE_REST_URL=" + balancer.baseUrl() + "/engine-rest",
                    "--env", "LGSP_WORKERS_PLATFORM_URL=" + balancer.baseUrl()), IMAGE);
            awaitReady(podman, engineA, portA, Duration.ofMinutes(4));
            podman.start(engineB, engine(envFile, keys, portB), IMAGE);
            awaitReady(podman, engineB, portB, Duration.ofMinutes(4));
            awaitLogged(podman, workers, "Started ", Duration.ofMinutes(2));
            Duration startingAll = Duration.between(starting, Instant.now());

            Supplier<String> justice = () -> keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
            Supplier<String> ward = () -> keycloak.clientToken(WARD_SYSTEM);
            Api apiA = new Api("http://127.0.0.1:" + portA);
            Api apiB = new Api("http://127.0.0.1:" + portB);

            // one record through the containers: accepted by engine A, routed and delivered to the ward's
            // inbox by the engines' job executors and the workers container, acknowledged, answered
            String first = submit(apiA, justice.get(), "Hồ sơ qua container " + suffix);
            awaitInInbox(apiA, ward, List.of(first));
            answer(apiA, ward.get(), first, 0);
            awaitStatus(apiA, justice, List.of(first), "COMPLETED", containerJdbc);

            // records in flight, then engine A is stopped as an operator stops it
            List<String> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(submit(apiA, justice.get(), "Hồ sơ đang xử lý " + i + " " + suffix));
            }
            int notYetDelivered;
            try (Connection c = DriverManager.getConnection(containerJdbc, dbUser, dbPassword)) {
                notYetDelivered = count(c, "select count(*) from lgsp.exchange where id = any (?::uuid[]) and not in_inbox",
                        inFlight);
            }
            Instant stopping = Instant.now();
            podman.stop(engineA);
            Duration stopped = Duration.between(stopping, Instant.now());
            assertThat(podman.exitCode(engineA)).as("engine A's exit after SIGTERM (137 would be SIGKILL)")
                    .isIn(0, 143);
            // the container's last lines may reach its log file a moment after it exited
            assertThat(loggedAfterExit(podman, engineA, "Graceful shutdown complete", Duration.ofSeconds(15)))
                    .contains("Graceful shutdown complete");

            // every one of them completes through engine B
            awaitInInbox(apiB, ward, inFlight);
            for (int i = 0; i < inFlight.size(); i++) {
                answer(apiB, ward.get(), inFlight.get(i), i + 1);
            }
            awaitStatus(apiB, justice, inFlight, "COMPLETED", containerJdbc);
            Duration finishing = Duration.between(stopping, Instant.now());

            List<String> all = new ArrayList<>(inFlight);
            all.add(first);
            try (Connection c = DriverManager.getConnection(containerJdbc, dbUser, dbPassword)) {
                assertThat(count(c, "select count(*) from act_ru_incident")).as("incidents").isZero();
                assertThat(count(c, """
                        select count(*) from act_ru_ext_task t join lgsp.exchange e on t.proc_inst_id_ = e.process_instance_id
                         where e.id = any (?::uuid[])""", all)).as("external tasks left of the records").isZero();
                assertThat(count(c, """
                        select count(*) from act_ru_job j join lgsp.exchange e on j.process_instance_id_ = e.process_instance_id
                         where e.id = any (?::uuid[])""", all)).as("jobs left of the records").isZero();
                // each record completed once, and delivered once
                assertThat(count(c, "select count(*) from lgsp.exchange_event where exchange_id = any (?::uuid[]) "
                        + "and status = 'COMPLETED'", all)).isEqualTo(all.size());
                assertThat(count(c, "select count(*) from lgsp.exchange where id = any (?::uuid[]) "
                        + "and status = 'COMPLETED' and result_code = '00'", all)).isEqualTo(all.size());
            }
            assertThat(podman.running(engineB)).isTrue();
            assertThat(podman.running(workers)).isTrue();
            log.info("Container image test: image built and loaded in {} s; engine A, engine B and workers ready in {} s; "
                            + "engine A stopped (SIGTERM) in {} s with {} of {} records not yet in the inbox; all completed "
                            + "through engine B {} s after the stop; {} records completed; whole test {} s",
                    building.toSeconds(), startingAll.toSeconds(), stopped.toSeconds(), notYetDelivered, IN_FLIGHT,
                    finishing.toSeconds(), all.size(), Duration.between(t0, Instant.now()).toSeconds());
        } finally {
            dropDatabase(database);
            try (var files = Files.list(secrets)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(secrets);
        }
    }

    /**
     * The {@code images} profile's two steps on the classes this test run compiled (the test phase
     * comes before {@code package}): the Debian base, cached, and Jib's layers; then {@code podman load}.
     * {@code -Dlgsp.image.build=false} uses the image podman already holds.
     */
    private void buildAndLoadImage() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("lgsp.image.build", "true"))) {
            return;
        }
        Path buildLog = Path.of("target/test-logs/image-build.log");
        Files.createDirectories(buildLog.getParent());
        Process build = new ProcessBuilder("./mvnw", "-B", "-ntp", "-pl", "platform", "-P", "images", "-DskipTests",
                "exec:exec@image-base", "jib:buildTar").redirectErrorStream(true)
                .redirectOutput(buildLog.toFile()).start();
        if (!build.waitFor(15, java.util.concurrent.TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new IllegalStateException("the image build did not end within 15 minutes; see " + buildLog);
        }
        assertThat(build.exitValue()).as("the image build; see " + buildLog).isZero();
        try (Podman podman = new Podman()) {
            podman.succeed(Duration.ofMinutes(5), List.of("load", "--quiet", "--input", IMAGE_ARCHIVE.toString()));
        }
    }

    /** An engine container's options: 768 MB, so a heap of about 576 MB (MaxRAMPercentage=75). */
    private static List<String> engine(Path envFile, List<String> keys, int port) {
        List<String> options = new ArrayList<>(List.of("--env-file", envFile.toString(), "--memory", "768m",
                "--env", "LGSP_ROLES=engine", "--env", "PORT=" + port));
        options.addAll(keys);
        return options;
    }

    /**
     * The containers' settings, in an env file only root can read (never on a command line): the
     * test's servers, a database of their own, the key files where they are mounted; and key files
     * of their own, made here.
     */
    private Path settings(Path secrets, String containerJdbc) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(PlatformNode.developmentSettings(environment));
        settings.put("spring.datasource.url", containerJdbc);
        settings.put("lgsp.exchange.master-key-file", "/run/secrets/lgsp/record-master-key");
        settings.put("lgsp.audit.signing-key-file", "/run/secrets/lgsp/journal-signing-key");
        // a development run, on the suite's servers and their published demo secrets
        settings.put("lgsp.dev-services.enabled", "true");
        settings.put("lgsp.flyway.locations", "classpath:db/migration,filesystem:" + DEMO_DATA_MOUNT);
        settings.put("lgsp.categories.sync-enabled", "false");
        for (String key : List.of("lgsp.national.ndxp.url", "lgsp.national.ndxp.consumer-key",
                "lgsp.national.ndxp.consumer-secret", "lgsp.national.vdxp.url", "lgsp.national.vdxp.consumer-key",
                "lgsp.national.vdxp.consumer-secret")) {
            String value = environment.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        Files.writeString(secrets.resolve("record-master-key"), Base64.getEncoder().encodeToString(masterKey));
        JournalSigner.generate(secrets.resolve("journal-signing-key"));
        // read by the container's user (uid 10001) through the mount; the folder keeps everyone else out
        for (String key : List.of("record-master-key", "journal-signing-key")) {
            Files.setPosixFilePermissions(secrets.resolve(key), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path envFile = secrets.resolve("lgsp.env");
        Files.writeString(envFile, "SPRING_APPLICATION_JSON="
                + JSON.writeValueAsString(settings) + "\n");
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
        return envFile;
    }

    private void awaitReady(Podman podman, String name, int port, Duration within) {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            if (!podman.running(name)) {
                throw new IllegalStateException(name + " ended:\n" + tail(podman.logs(name)));
            }
            try {
                if (http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1000);
        }
        throw new IllegalStateException(name + " not ready within " + within + ":\n" + tail(podman.logs(name)));
    }

    /** The log of a container that has exited, read again until it holds the text or time is up. */
    private static String loggedAfterExit(Podman podman, String name, String text, Duration within) {
        Instant until = Instant.now().plus(within);
        String logs = podman.logs(name);
        while (!logs.contains(text) && Instant.now().isBefore(until)) {
            sleep(500);
            logs = podman.logs(name);
        }
        return logs;
    }

    private static void awaitLogged(Podman podman, String name, String text, Duration within) {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            String logs = podman.logs(name);
            if (logs.contains(text)) {
                return;
            }
            if (!podman.running(name)) {
                throw new IllegalStateException(name + " ended:\n" + tail(logs));
            }
            sleep(1000);
        }
        throw new IllegalStateException(name + " did not log '" + text + "' within " + within);
    }

    private static String submit(Api api, String token, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contentType", "text/plain");
        payload.put("content", Base64.getEncoder().encodeToString(bytes));
        payload.put("sha256", sha256(bytes));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedureCode", "1.000001.000.00.13.H26");
        body.put("destination", WARD);
        body.put("payload", payload);
        Api.Reply accepted = api.post("/api/v1/exchanges", token, body, "image-" + UUID.randomUUID());
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        return accepted.body().path("exchangeId").asText();
    }

    /** The ward has no system registered on the containers' database: its records wait in its inbox. */
    private static void awaitInInbox(Api api, Supplier<String> ward, List<String> ids) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode records = api.get("/api/v1/inbox?limit=100", ward.get()).body().path("records");
            List<String> waiting = new ArrayList<>();
            records.forEach(r -> waiting.add(r.path("exchangeId").asText()));
            return waiting.containsAll(ids);
        });
    }

    /** The ward takes the record, confirms it with the digest of what it got, and reports its result. */
    private static void answer(Api api, String wardToken, String id, int n) throws Exception {
        Api.Reply record = api.get("/api/v1/inbox/" + id, wardToken);
        assertThat(record.status()).as(record.body().toString()).isEqualTo(200);
        byte[] content = Base64.getDecoder().decode(record.body().path("content").asText());
        Api.Reply ack = api.postJson("/api/v1/inbox/" + id + "/ack", wardToken, Map.of("receivedSha256", sha256(content)));
        assertThat(ack.status()).as(ack.body().toString()).isEqualTo(200);
        Api.Reply result = api.postJson("/api/v1/exchanges/" + id + "/result", wardToken,
                Map.of("code", "00", "message", "Đã tiếp nhận", "reference", "IMG-" + n));
        assertThat(result.status()).as(result.body().toString()).isEqualTo(200);
    }

    private void awaitStatus(Api api, Supplier<String> source, List<String> ids, String status, String containerJdbc) {
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> ids.stream().allMatch(id ->
                    status.equals(api.get("/api/v1/exchanges/" + id, source.get()).body().path("exchange")
                            .path("status").asText())));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not all " + status + ": " + whereStuck(containerJdbc, ids), e);
        }
    }

    /** For a failure: where each record that did not complete waits, and why. */
    private String whereStuck(String containerJdbc, List<String> ids) {
        try (Connection c = DriverManager.getConnection(containerJdbc, dbUser, dbPassword);
             PreparedStatement q = c.prepareStatement("""
                     select e.id, e.status,
                            (select string_agg(x.act_id_, ',') from act_ru_execution x
                              where x.proc_inst_id_ = e.process_instance_id and x.act_id_ is not null),
                            (select string_agg(t.topic_name_ || ' locked by ' || coalesce(t.worker_id_, '-'), ',')
                               from act_ru_ext_task t where t.proc_inst_id_ = e.process_instance_id),
                            (select string_agg(coalesce(j.lock_owner_, 'unlocked') || ' ' || coalesce(j.exception_msg_, ''), ',')
                               from act_ru_job j where j.process_instance_id_ = e.process_instance_id),
                            (select string_agg(i.incident_msg_, ';') from act_ru_incident i
                              where i.proc_inst_id_ = e.process_instance_id)
                       from lgsp.exchange e where e.id = any (?::uuid[]) and e.status <> 'COMPLETED'""")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            List<String> stuck = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    stuck.add(rs.getString(1) + " " + rs.getString(2) + " at " + rs.getString(3) + " tasks " + rs.getString(4)
                            + " jobs " + rs.getString(5) + " incidents " + rs.getString(6));
                }
            }
            return String.join("\n", stuck);
        } catch (java.sql.SQLException e) {
            return "(cannot tell: " + e.getMessage() + ")";
        }
    }

    private static int count(Connection c, String sql) throws java.sql.SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int count(Connection c, String sql, List<String> ids) throws java.sql.SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A database of the containers' own on the test's PostgreSQL; its JDBC URL. */
    private String createDatabase(String database) throws Exception {
        try (Connection c = DriverManager.getConnection(onDatabase("postgres"), dbUser, dbPassword)) {
            c.createStatement().execute("create database " + database);
        }
        return onDatabase(database);
    }

    private void dropDatabase(String database) {
        try (Connection c = DriverManager.getConnection(onDatabase("postgres"), dbUser, dbPassword)) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (java.sql.SQLException e) {
            log.warn("could not drop {}", database, e);
        }
    }

    /** The test's JDBC URL with another database: {@code jdbc:postgresql://host:port/<database>?…}. */
    private String onDatabase(String database) {
        return jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String tail(String logs) {
        return logs.length() <= 6000 ? logs : logs.substring(logs.length() - 6000);
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
