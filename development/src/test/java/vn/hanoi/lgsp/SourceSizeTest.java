package vn.hanoi.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A class a newcomer can read: none in the production or development sources is over 400 lines,
 * and the gateway's controller only admits a request and hands it to the call's steps.
 */
class SourceSizeTest {

    static final int MOST_LINES = 400;

    @Test
    void noClassIsOverFourHundredLines() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path root : new Path[] {Path.of("platform/src/main/java"), Path.of("development/src/main/java")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    long lines = lines(file);
                    if (lines > MOST_LINES) {
                        tooLong.put(file.toString(), lines);
                    }
                }
            }
        }
        assertThat(tooLong).as("classes over %d lines", MOST_LINES).isEmpty();
    }

    @Test
    void theGatewayControllerOnlyHandsTheCallToItsSteps() throws IOException {
        assertThat(lines(Path.of("platform/src/main/java/vn/hanoi/lgsp/gateway/GatewayController.java")))
                .isLessThanOrEqualTo(150);
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
