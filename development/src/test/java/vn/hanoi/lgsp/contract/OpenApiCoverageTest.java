package vn.hanoi.lgsp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-14, R-23 (App1 §3.1, Đ14): the OpenAPI document of the platform's own API is generated from the
 * code, and this checks that it covers every registered {@code /api/v1} handler and method, so
 * a new endpoint cannot go undocumented; anyone may read it, as the connection guide is public.
 */
class OpenApiCoverageTest extends PlatformTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyApiHandlerIsInTheDocument() {
        Api.Reply reply = new Api(baseUrl()).get("/api/v1/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.body().path("paths");
        assertThat(reply.body().path("components").path("schemas").has("ApiError")).isTrue();

        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (var entry : handlers.getHandlerMethods().entrySet()) {
            var info = entry.getKey();
            // the document's own endpoints are not part of the API it describes
            if (info.getPathPatternsCondition() == null
                    || entry.getValue().getBeanType().getPackageName().startsWith("org.springdoc")) {
                continue;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (!pattern.startsWith("/api/v1/") || pattern.equals("/api/v1/openapi.json")) {
                    continue;
                }
                JsonNode path = paths.path(pattern);
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    checked++;
                    if (path.isMissingNode() || path.isEmpty()) {
                        missing.add("ANY " + pattern + " (" + entry.getValue() + ")");
                    }
                }
                for (RequestMethod method : methods) {
                    checked++;
                    if (!path.has(method.name().toLowerCase(Locale.ROOT))) {
                        missing.add(method + " " + pattern + " (" + entry.getValue() + ")");
                    }
                }
            }
        }
        assertThat(checked).as("handlers under /api/v1").isGreaterThan(50);
        assertThat(missing).as("handlers the OpenAPI document lacks").isEmpty();
        // each operation documents the failure envelope
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op ->
                assertThat(op.getValue().path("responses").path("401").path("content").path("application/json")
                        .path("schema").path("$ref").asText()).as(op.getKey() + " " + p.getKey())
                        .isEqualTo("#/components/schemas/ApiError")));
    }
}
