package vn.hanoi.lgsp.monitoring;

import java.io.IOException;
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
            Request request = new Request("PUT", "/_index_template/" + name);
            try (InputStream in = file.getInputStream()) {
                request.setJsonEntity(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            rest.performRequest(request);
            log.info("Index template {} applied", name);
        }
        applied = true;
    }
}
