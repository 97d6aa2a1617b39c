package vn.hanoi.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.export.CoverageStateResult;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.report.CoverageReportUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every path of every model has a test (style: Camunda's examples), measured: the process-model
 * tests ({@code support/ProcessTest}) record the flow nodes and sequence flows they walk, one
 * report per test class under {@code target/process-test-coverage}; this adds them up per model,
 * writes the whole as {@code target/process-test-coverage/all/report.html} (and {@code .json}),
 * and fails when a model's coverage falls below its threshold in
 * {@code process-coverage-thresholds.properties}.
 *
 * <p>It runs after the other tests, in a Surefire execution of its own ({@code pom.xml}). When
 * only some tests were chosen ({@code -Dtest=…}), a model no chosen test walked is left out
 * instead of failing; the reports of earlier runs still count until {@code mvn clean}.
 */
class ProcessCoverageTest {

    private static final Path REPORTS = Path.of("target", "process-test-coverage");
    private static final Path ALL = REPORTS.resolve("all");
    private static final String THRESHOLDS = "/process-coverage-thresholds.properties";
    /** What Surefire was asked to run ({@code -Dtest}); unset, or left unresolved, for the whole suite. */
    private static final String SELECTION = System.getProperty("lgsp.tests.selected", "");

    @Test
    void everyModelIsWalkedAtLeastAsFarAsItsThresholdSays() throws IOException {
        Map<String, Integer> thresholds = thresholds();
        assertThat(thresholds.keySet()).as("a threshold for every model of processes/ and procedures/")
                .containsExactlyInAnyOrderElementsOf(processKeys());

        List<Path> reports = reports();
        Assumptions.assumeFalse(reports.isEmpty(), "no process test ran: nothing measured under " + REPORTS);
        String combined = null;
        for (Path report : reports) {
            String json = Files.readString(report);
            combined = combined == null ? json : CoverageStateJsonExporter.combineCoverageStateResults(combined, json);
        }
        CoverageReportUtil.writeReport(combined, true, ALL.toFile(), "report.html", CoverageReportUtil::generateHtml);
        CoverageReportUtil.writeReport(combined, false, ALL.toFile(), "report.json", Function.identity());
        CoverageStateResult result = CoverageStateJsonExporter.readCoverageStateResult(combined);

        Map<String, Double> measured = new TreeMap<>();
        for (Model model : result.getModels()) {
            measured.merge(model.getKey(), result.calculateCoverage(model), Math::max);
        }
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder("Process coverage (threshold):");
        thresholds.forEach((key, threshold) -> {
            Double coverage = measured.get(key);
            table.append(String.format("%n  %-26s %s (%d %%)", key,
                    coverage == null ? "not walked" : String.format("%5.1f %%", coverage * 100), threshold));
            if (coverage == null) {
                if (threshold > 0 && wholeSuite()) {
                    problems.add(key + ": no test walked it, threshold " + threshold + " %");
                }
            } else if (coverage * 100 < threshold) {
                problems.add(String.format("%s: %.1f %% of its elements walked, below its threshold of %d %%",
                        key, coverage * 100, threshold));
            }
        });
        System.out.println(table);
        assertThat(problems).as("models below their coverage threshold (report: %s)", ALL.resolve("report.html"))
                .isEmpty();
    }

    private static boolean wholeSuite() {
        return SELECTION.isBlank() || SELECTION.startsWith("${");
    }

    private static Map<String, Integer> thresholds() throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(ProcessCoverageTest.class.getResourceAsStream(THRESHOLDS),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, Integer> thresholds = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> thresholds.put(k, Integer.parseInt(properties.getProperty(k).trim())));
        return thresholds;
    }

    /** The executable processes of the platform's models and of the procedures in the repository. */
    private static Set<String> processKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path root : List.of(Path.of("processes"), Path.of("procedures"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                    Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(Process.class).stream()
                            .filter(Process::isExecutable).forEach(p -> keys.add(p.getId()));
                }
            }
        }
        return keys;
    }

    /** One {@code report.json} per test class that walked a model; not the sum this test writes. */
    private static List<Path> reports() throws IOException {
        if (!Files.isDirectory(REPORTS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(REPORTS)) {
            return files.filter(p -> p.getFileName().toString().equals("report.json")).filter(p -> !p.startsWith(ALL))
                    .sorted().toList();
        }
    }
}
