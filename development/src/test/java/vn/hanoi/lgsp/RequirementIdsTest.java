package vn.hanoi.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code, models and documents cite the regulation by requirement id ({@code R-13}); each id they
 * cite is one of {@code docs/requirements.md}, the project's digest of Decision 5918/QĐ-UBND, so
 * that a reader can look up what the cited code is for.
 */
class RequirementIdsTest {

    private static final Path DIGEST = Path.of("docs", "requirements.md");
    private static final List<Path> CITING = List.of(Path.of("platform/src"), Path.of("development/src"),
            Path.of("processes"), Path.of("procedures"), Path.of("dmn"), Path.of("modeler"), Path.of("elastic"),
            Path.of("bench"), Path.of("deploy"), Path.of("docs"), Path.of("README.md"));
    private static final Pattern CITED = Pattern.compile("\\bR-\\d+\\b");
    /** A row of the digest's requirement table. */
    private static final Pattern DEFINED = Pattern.compile("(?m)^\\| (R-\\d+) \\|");

    @Test
    void everyCitedRequirementIsInTheDigest() throws IOException {
        Set<String> defined = defined();
        assertThat(defined).as("requirements of " + DIGEST).hasSizeGreaterThanOrEqualTo(27);

        Map<String, Set<String>> unknown = new TreeMap<>();
        Set<String> cited = new TreeSet<>();
        for (Path root : CITING) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher ids = CITED.matcher(text(file));
                    while (ids.find()) {
                        cited.add(ids.group());
                        if (!defined.contains(ids.group())) {
                            unknown.computeIfAbsent(ids.group(), id -> new TreeSet<>()).add(file.toString());
                        }
                    }
                }
            }
        }
        assertThat(cited).as("requirement ids cited").isNotEmpty();
        assertThat(unknown).as("cited requirement ids missing from " + DIGEST).isEmpty();
    }

    @Test
    void theDigestDefinesEachIdOnce() throws IOException {
        Matcher rows = DEFINED.matcher(Files.readString(DIGEST));
        List<String> ids = new ArrayList<>();
        while (rows.find()) {
            ids.add(rows.group(1));
        }
        assertThat(ids).doesNotHaveDuplicates().isNotEmpty();
    }

    private static Set<String> defined() throws IOException {
        Set<String> ids = new TreeSet<>();
        Matcher rows = DEFINED.matcher(Files.readString(DIGEST));
        while (rows.find()) {
            ids.add(rows.group(1));
        }
        return ids;
    }

    /** A text file's content; a binary one (fonts, images, archives) cites nothing. */
    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        }
    }
}
