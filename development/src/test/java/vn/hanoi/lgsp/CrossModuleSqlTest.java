package vn.hanoi.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A module reads and writes only its own tables; what it needs of another's it asks that module's
 * public query API for. The owner of each table is declared here once, and every table the Flyway
 * migrations create must have one.
 */
class CrossModuleSqlTest {

    /** Table → the module that owns it (its migrations, its SQL, its query API). */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("agency", "agency"),
            Map.entry("agency_succession", "agency"),
            Map.entry("agency_system", "agency"),
            Map.entry("system_change", "agency"),
            Map.entry("audit_journal", "audit"),
            Map.entry("audit_anchor", "audit"),
            Map.entry("service", "catalog"),
            Map.entry("service_version", "catalog"),
            Map.entry("service_version_event", "catalog"),
            Map.entry("access_grant", "catalog"),
            Map.entry("administrative_unit", "category"),
            Map.entry("administrative_unit_succession", "category"),
            Map.entry("category_version", "category"),
            Map.entry("category_refusal", "category"),
            Map.entry("procedure_code", "category"),
            Map.entry("cluster_job", "cluster"),
            Map.entry("connection_state", "connection"),
            Map.entry("maintenance_window", "connection"),
            Map.entry("incident", "connection"),
            Map.entry("incident_log", "connection"),
            Map.entry("poll_schedule", "connection"),
            Map.entry("exchange", "exchange"),
            Map.entry("exchange_event", "exchange"),
            Map.entry("exchange_content", "exchange"),
            Map.entry("postal_application", "exchange"),
            Map.entry("gateway_policy", "gateway"),
            Map.entry("gateway_quota_bucket", "gateway"),
            Map.entry("revoked_client", "identity"),
            Map.entry("monitoring_outbox", "monitoring"),
            Map.entry("notice", "notice"),
            Map.entry("registration", "onboarding"),
            Map.entry("registration_event", "onboarding"),
            Map.entry("connection_need", "onboarding"),
            Map.entry("connection_cancellation", "onboarding"),
            Map.entry("postal_shipment", "postal"),
            Map.entry("postal_shipment_event", "postal"),
            Map.entry("data_use_report", "privacy"),
            Map.entry("lgsp_incident", "watch"),
            Map.entry("security_report", "watch"),
            Map.entry("watch_cursor", "watch"),
            Map.entry("lgsp_maintenance", "watch"),
            Map.entry("model_release", "procedure"),
            Map.entry("model_in_production", "procedure"),
            Map.entry("procedure_case", "procedure"),
            Map.entry("procedure_case_document", "procedure"),
            Map.entry("procedure_case_step", "procedure"),
            Map.entry("rate_window", "ratelimit"),
            Map.entry("reconciliation_period", "reconciliation"),
            Map.entry("reconciliation_line", "reconciliation"),
            Map.entry("periodic_report", "reports"),
            Map.entry("periodic_report_period", "reports"));

    private static final Path SOURCES = Path.of("platform/src/main/java/vn/hanoi/lgsp");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:lgsp\\.)?([a-z_][a-z0-9_]*)");
    /** A table named after a keyword, then any further tables of a comma-separated FROM list. */
    private static final Pattern TABLE_AFTER_KEYWORD = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|using)\\s+((?:lgsp\\.)?[a-z_][a-z0-9_]*(?:\\s+(?:as\\s+)?[a-z_][a-z0-9_]*)?"
                    + "(?:\\s*,\\s*(?:lgsp\\.)?[a-z_][a-z0-9_]*(?:\\s+(?:as\\s+)?[a-z_][a-z0-9_]*)?)*)");
    private static final Pattern SQL = Pattern.compile("(?is)\\b(select|insert|update|delete)\\b.*\\b(from|into|set|table)\\b");

    record Violation(String module, String type, String table, String owner) {
        @Override
        public String toString() {
            return module + ": " + type + " names table " + table + " of module " + owner;
        }
    }

    @Test
    void everyTableTheMigrationsCreateHasAnOwningModule() throws IOException, URISyntaxException {
        Set<String> created = new TreeSet<>();
        Path migrations = Path.of(getClass().getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase());
                }
            }
        }
        assertThat(created).as("tables the migrations create").isNotEmpty();
        assertThat(OWNER.keySet()).as("owned tables").containsExactlyInAnyOrderElementsOf(created);
        try (Stream<Path> modules = Files.list(SOURCES)) {
            Set<String> moduleNames = new TreeSet<>(modules.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList());
            assertThat(moduleNames).as("modules").containsAll(OWNER.values());
        }
    }

    @Test
    void noModuleNamesAnotherModulesTableInItsSql() throws IOException {
        List<Violation> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class itself
                }
                String module = relative.getName(0).toString();
                String type = relative.toString().replace('/', '.').replaceAll("\\.java$", "");
                String source = Files.readString(file);
                if (source.contains("implements JavaMigration")) {
                    continue; // a Java migration is schema history, written once for the whole database
                }
                violations.addAll(violations(module, type, source));
            }
        }
        assertThat(violations).as("SQL naming another module's table; ask the owner's query API instead").isEmpty();
    }

    @Test
    void findsAnotherModulesTableInATextBlockOrAJoin() {
        String source = """
                class Planted {
                    // FROM agency in a comment is no SQL
                    String ok = "SELECT 1 FROM exchange";
                    String viaJoin = \"""
                            SELECT e.id FROM exchange e
                              JOIN lgsp.agency a ON a.code = e.consumer
                            \""";
                    String list = "SELECT 1 FROM exchange e, service s WHERE " + "e.x = s.y";
                    String message = "no agency with that code";
                }
                """;
        assertThat(violations("exchange", "exchange.Planted", source)).extracting(Violation::table)
                .containsExactly("agency", "service");
    }

    static List<Violation> violations(String module, String type, String source) {
        List<Violation> found = new ArrayList<>();
        for (String literal : literals(source)) {
            if (!SQL.matcher(literal).find()) {
                continue;
            }
            Matcher m = TABLE_AFTER_KEYWORD.matcher(literal);
            while (m.find()) {
                for (String item : m.group(1).split(",")) {
                    String table = item.trim().split("\\s+")[0].toLowerCase().replaceFirst("^lgsp\\.", "");
                    String owner = OWNER.get(table);
                    if (owner != null && !owner.equals(module)) {
                        found.add(new Violation(module, type, table, owner));
                    }
                }
            }
        }
        return found;
    }

    /**
     * The string literals and text blocks of a Java source, comments left out; literals joined
     * by {@code +} count as one, so SQL split over lines is read whole.
     */
    static List<String> literals(String source) {
        List<String> literals = new ArrayList<>();
        StringBuilder current = null;
        boolean joinNext = false;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = lineEnd(source, i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = skipQuoted(source, i, '\'');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 3);
                }
                end = end < 0 ? n : end;
                current = append(literals, current, joinNext, source.substring(i + 3, end));
                joinNext = false;
                i = Math.min(n, end + 3);
            } else if (c == '"') {
                int end = skipQuoted(source, i, '"');
                current = append(literals, current, joinNext, source.substring(i + 1, Math.max(i + 1, end - 1)));
                joinNext = false;
                i = end;
            } else if (c == '+') {
                joinNext = current != null;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                current = null;
                joinNext = false;
                i++;
            }
        }
        return literals;
    }

    private static StringBuilder append(List<String> literals, StringBuilder current, boolean join, String text) {
        if (join && current != null) {
            current.append(text);
            literals.set(literals.size() - 1, current.toString());
            return current;
        }
        literals.add(text);
        return new StringBuilder(text);
    }

    private static int lineEnd(String source, int from) {
        int end = source.indexOf('\n', from);
        return end < 0 ? source.length() : end;
    }

    private static int skipQuoted(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(source.length(), i + 1);
    }
}
