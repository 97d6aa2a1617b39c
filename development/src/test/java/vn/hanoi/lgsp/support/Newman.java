package vn.hanoi.lgsp.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Postman's command-line runner, so a generated collection is run the way an agency's
 * developer runs it. Installed once from npm under {@code .lgsp/tools/newman} (Node.js and npm
 * are needed: Debian's {@code nodejs} and {@code npm}, which {@code .ci/run} installs).
 */
public final class Newman {

    private static final String VERSION = "6.2.2";
    private static final Path HOME = Path.of(".lgsp/tools/newman").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the run saw: the collection's items run, assertions failed, and the run's own failures. */
    public record Run(int exitCode, int requests, int failedRequests, int assertions, int failedAssertions,
                      List<String> failures, String output) {
    }

    private Newman() {
    }

    public static synchronized Path install() throws IOException, InterruptedException {
        Path binary = HOME.resolve("node_modules/.bin/newman");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(HOME);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(),
                "newman@" + VERSION).redirectErrorStream(true).start();
        String log = new String(npm.getInputStream().readAllBytes());
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(binary)) {
            throw new IllegalStateException("npm could not install newman " + VERSION + ":\n" + log);
        }
        return binary;
    }

    public static Run run(String collection, Map<String, String> variables) throws IOException, InterruptedException {
        Path binary = install();
        Path dir = Files.createTempDirectory("newman");
        Path file = dir.resolve("collection.json");
        Path report = dir.resolve("report.json");
        Files.writeString(file, collection);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "run", file.toString(), "--reporters",
                "cli,json", "--reporter-json-export", report.toString(), "--timeout-request", "20000"));
        variables.forEach((key, value) -> command.addAll(List.of("--env-var", key + "=" + value)));
        Process newman = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(newman.getInputStream().readAllBytes());
        if (!newman.waitFor(3, TimeUnit.MINUTES)) {
            newman.destroyForcibly();
            throw new IllegalStateException("newman did not finish within 3 minutes:\n" + output);
        }
        JsonNode stats = JSON.readTree(report.toFile()).path("run").path("stats");
        List<String> failures = new ArrayList<>();
        JSON.readTree(report.toFile()).path("run").path("failures").forEach(f ->
                failures.add(f.path("source").path("name").asText() + ": " + f.path("error").path("message").asText()));
        // items run: the token script's own call is counted among the requests and executions of its item
        java.util.Set<String> items = new java.util.HashSet<>();
        JSON.readTree(report.toFile()).path("run").path("executions").forEach(e -> items.add(e.path("item").path("id").asText()));
        return new Run(newman.exitValue(), items.size(),
                stats.path("requests").path("failed").asInt(), stats.path("assertions").path("total").asInt(),
                stats.path("assertions").path("failed").asInt(), failures, output);
    }
}
