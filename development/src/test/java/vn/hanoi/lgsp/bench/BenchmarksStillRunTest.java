package vn.hanoi.lgsp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.support.PlatformNode;

/**
 * R-05, R-07: the benchmarks that measure exchange throughput, the gateway against its peer and
 * the dashboard are code like any other; a change that breaks one breaks the build. They run
 * here at a tiny size ({@link TinyBenchmarks}), in a JVM of their own with fresh servers, and
 * must complete with their counts balanced. No figure is asserted: figures come from
 * {@code bench/*} runs, side by side with their baselines. The soak's harness runs in
 * {@code SoakTest}.
 */
@Tag("slow")
class BenchmarksStillRunTest {

    @Test
    void everyBenchmarkCompletesAtATinySizeWithItsCountsBalanced() throws Exception {
        Path output = Path.of("target", "test-logs", "tiny-benchmarks.out");
        Files.createDirectories(output.getParent());
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", PlatformNode.classPath(), TinyBenchmarks.class.getName()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(12, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);

        assertThat(ended).as("the tiny benchmarks ended within 12 minutes; output:%n%s", printed).isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", printed).isZero();
        assertThat(printed).contains("tiny exchange benchmark: completed, counts balance",
                "tiny gateway benchmark: completed, counts balance", "tiny dashboard benchmark: completed, counts balance",
                "ratio (b)/(a) throughput", "| (b) through HAProxy |", "| (c) through the LGSP gateway |",
                "counted by the overview");
    }
}
