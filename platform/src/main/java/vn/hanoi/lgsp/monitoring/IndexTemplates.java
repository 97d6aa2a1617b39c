package vn.hanoi.lgsp.monitoring;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Puts the index templates kept under {@code elastic/index-templates/} into Elasticsearch.
 * PUT replaces a template with the same name, so applying them again is harmless.
 */
@Component
class IndexTemplates {

    private static final Logger log = LoggerFactory.getLogger(IndexTemplates.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCATION = "classpath*:elastic/index-templates/*.json";

    private final RestClient rest;
    private volatile boolean applied;

    IndexTemplates(RestClient rest) {
        this.rest = rest;
    }

    void applyIfNeeded() throws IOException {
        if (applied) {
            return;
        }
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
        for (Resource file : files) {
            String name = file.getFilename().replaceFirst("\\.json$", "");
            String body;
            try (InputStream in = file.getInputStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request("PUT", "/_index_template/" + name);
            request.setJsonEntity(body);
            rest.performRequest(request);
            extendExistingIndices(body);
            log.info("Index template {} applied", name);
        }
        applied = true;
    }

    /**
     * A template shapes only indices created after it; this month's index already exists, and
     * its strict mapping would refuse a document with a field added since. Adding fields to a
     * mapping is allowed, so the template's fields are put on the existing indices too.
     */
    private void extendExistingIndices(String template) throws IOException {
        JsonNode tree = JSON.readTree(template);
        JsonNode properties = tree.path("template").path("mappings").path("properties");
        if (!properties.isObject()) {
            return;
        }
        for (JsonNode pattern : tree.path("index_patterns")) {
            Request mapping = new Request("PUT", "/" + pattern.asText() + "/_mapping");
            mapping.addParameter("allow_no_indices", "true");
            mapping.addParameter("ignore_unavailable", "true");
            mapping.setJsonEntity(JSON.writeValueAsString(JSON.createObjectNode().set("properties", properties)));
            rest.performRequest(mapping);
        }
    }
}
