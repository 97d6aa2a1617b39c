package vn.hanoi.lgsp.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where the R-03 tests look for what the LGSP must not keep: tables, indices, files and logs. */
public final class Traces {

    private Traces() {
    }

    /** Every table of the platform's database whose rows, as text, contain one of the traces. */
    public static List<String> tablesContaining(JdbcTemplate jdbc, List<String> traces) {
        List<String> tables = jdbc.queryForList("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')""",
                String.class);
        assertThat(tables).as("Camunda's tables are searched too").anyMatch(t -> t.equalsIgnoreCase("public.act_ge_bytearray"));
        List<String> holding = new ArrayList<>();
        for (String table : tables) {
            for (String trace : traces) {
                Integer rows = jdbc.queryForObject("select count(*) from " + table + " t where t::text like ?", Integer.class,
                        "%" + trace + "%");
                if (rows > 0) {
                    holding.add(table + " (" + trace + ")");
                }
            }
        }
        return holding;
    }

    /** Every document of every index, as the text Elasticsearch answers. */
    public static String elasticsearchDocuments(RestClient elasticsearch) throws IOException {
        elasticsearch.performRequest(new Request("POST", "/_refresh"));
        // scrolled: a long suite leaves more than one search page (10,000) of status checks behind
        Request search = new Request("GET", "/_all/_search");
        search.addParameter("size", "5000");
        search.addParameter("scroll", "1m");
        StringBuilder all = new StringBuilder();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String page = new String(elasticsearch.performRequest(search).getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        while (true) {
            all.append(page);
            var tree = json.readTree(page);
            String scrollId = tree.path("_scroll_id").asText(null);
            if (tree.path("hits").path("hits").isEmpty() || scrollId == null) {
                if (scrollId != null) {
                    Request clear = new Request("DELETE", "/_search/scroll");
                    clear.setJsonEntity(json.writeValueAsString(java.util.Map.of("scroll_id", scrollId)));
                    elasticsearch.performRequest(clear);
                }
                return all.toString();
            }
            Request next = new Request("POST", "/_search/scroll");
            next.setJsonEntity(json.writeValueAsString(java.util.Map.of("scroll", "1m", "scroll_id", scrollId)));
            page = new String(elasticsearch.performRequest(next).getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Files under the folder whose bytes contain one of the traces (as UTF-8). */
    public static List<String> filesContaining(Path folder, List<String> traces) throws IOException {
        List<String> holding = new ArrayList<>();
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes;
                try {
                    bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (IOException vanished) {
                    continue;
                }
                for (String trace : traces) {
                    if (bytes.contains(new String(trace.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                        holding.add(folder.relativize(file) + " (" + trace + ")");
                    }
                }
            }
        }
        return holding;
    }

    public static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
