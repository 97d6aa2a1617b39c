package vn.hanoi.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The settings a person reads about are the settings the platform binds: README's
 * configuration table against the metadata the configuration processor generates from the
 * settings records, both ways, and the defaults written anywhere else against the records'.
 */
class SettingsDocumentedTest {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(lgsp\\.[a-z0-9.-]+)(?::([^}]*))?}");

    @Test
    void everyBoundSettingIsInTheReadmeTableAndEveryDocumentedOneIsBound() throws IOException {
        Set<String> bound = boundSettings().keySet();
        Set<String> documented = documentedSettings();

        Set<String> undocumented = new TreeSet<>(bound);
        undocumented.removeAll(documented);
        Set<String> unbound = new TreeSet<>(documented);
        unbound.removeAll(bound);
        assertThat(undocumented).as("bound by a settings record, missing from README's configuration table").isEmpty();
        assertThat(unbound).as("in README's configuration table, bound by no settings record").isEmpty();
    }

    /** application.yaml names some lgsp.* settings in Spring's own; a fallback there is the record's default. */
    @Test
    void applicationYamlFallsBackToTheRecordsDefaults() throws IOException {
        Map<String, List<String>> defaults = boundSettings();
        String yaml;
        try (InputStream in = SettingsDocumentedTest.class.getResourceAsStream("/application.yaml")) {
            assertThat(in).as("application.yaml on the classpath").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher placeholder = PLACEHOLDER.matcher(yaml);
        int seen = 0;
        while (placeholder.find()) {
            seen++;
            String key = placeholder.group(1);
            assertThat(defaults).as("application.yaml names " + key).containsKey(key);
            if (placeholder.group(2) != null) {
                assertThat(defaults.get(key)).as("the fallback of " + key + " in application.yaml")
                        .containsOnly(placeholder.group(2));
            }
        }
        assertThat(seen).isPositive();
        assertThat(yaml).as("application.yaml holds no lgsp.* value of its own").doesNotContainPattern("(?m)^lgsp:");
    }

    /** Where two records bind the same key (the engine's and the other processes' view of Keycloak), one default. */
    @Test
    void aSettingBoundByTwoRecordsHasOneDefault() throws IOException {
        boundSettings().forEach((key, values) ->
                assertThat(Set.copyOf(values)).as("defaults of " + key).hasSizeLessThanOrEqualTo(1));
    }

    /** The project's README, beside the Maven wrapper: where the build runs, or a folder above it. */
    private static Path readme() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("README.md")) && Files.isRegularFile(folder.resolve("mvnw"))) {
                return folder.resolve("README.md");
            }
        }
        throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
    }

    /** Every lgsp.* key of every metadata file on the classpath, with the defaults the records give it. */
    private static Map<String, List<String>> boundSettings() throws IOException {
        Map<String, List<String>> settings = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        Enumeration<java.net.URL> files = SettingsDocumentedTest.class.getClassLoader().getResources(METADATA);
        int read = 0;
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                read++;
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("lgsp.")) {
                        List<String> defaults = settings.computeIfAbsent(name, n -> new ArrayList<>());
                        JsonNode value = property.path("defaultValue");
                        if (value.isArray()) {
                            List<String> items = new ArrayList<>();
                            value.forEach(item -> items.add(item.asText()));
                            defaults.add(String.join(",", items));
                        } else if (!value.isMissingNode() && !value.isNull()) {
                            defaults.add(value.asText());
                        }
                    }
                }
            }
        }
        assertThat(read).as(METADATA + " on the classpath (the configuration processor makes it)").isPositive();
        return settings;
    }

    /**
     * The keys in the first column of README's configuration table. A cell may name several:
     * {@code `lgsp.gateway.client-id` / `client-secret`} and {@code `lgsp.x.issuer`, `.client-id`}
     * are siblings of the first; {@code `lgsp.api.rate-limit.clients.<client id>`} is the map
     * {@code lgsp.api.rate-limit.clients}.
     */
    private static Set<String> documentedSettings() throws IOException {
        List<String> lines = Files.readAllLines(readme(), StandardCharsets.UTF_8);
        int start = lines.indexOf("## Configuration");
        assertThat(start).as("README has a Configuration section").isNotNegative();
        Set<String> keys = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.split("\\|")[1];
            Matcher code = CODE.matcher(cell);
            String first = null;
            while (code.find()) {
                String key = code.group(1).replaceAll("\\.<[^>]*>$", "");
                if (first == null) {
                    first = key;
                } else {
                    key = first.substring(0, first.lastIndexOf('.') + 1) + key.replaceFirst("^\\.", "");
                }
                if (key.startsWith("lgsp.")) {
                    keys.add(key);
                }
            }
        }
        assertThat(keys).as("settings in README's configuration table").isNotEmpty();
        return keys;
    }
}
