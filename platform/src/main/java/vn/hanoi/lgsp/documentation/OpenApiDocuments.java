package vn.hanoi.lgsp.documentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenAPI documents that providers hand in, read without reaching anything outside them: a
 * {@code $ref} to another file or a URL would make the platform read its own disk or call an
 * address of the provider's choosing (SSRF) each time the document is read. Such a document is
 * refused when it is handed in, and never resolved when one is read.
 */
public final class OpenApiDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OpenApiDocuments() {
    }

    /** Every {@code $ref} of the document that points outside it; empty when it is self-contained or unreadable. */
    public static List<String> externalReferences(String document) {
        List<String> found = new ArrayList<>();
        JsonNode tree = tree(document);
        if (tree != null) {
            collect(tree, found);
        }
        return found;
    }

    /** The OpenAPI 3 model with internal references inlined; empty when it is not OpenAPI 3 or refers outside itself. */
    public static Optional<OpenAPI> read(String document) {
        return read(document, true);
    }

    /** As {@link #read(String)}; {@code inline} false keeps internal references as references. */
    public static Optional<OpenAPI> read(String document, boolean inline) {
        if (document == null || document.isBlank() || tree(document) == null || !externalReferences(document).isEmpty()) {
            return Optional.empty();
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(inline);
        // no network or file access even if a reference slipped through
        options.setSafelyResolveURL(true);
        options.setRemoteRefAllowList(List.of());
        options.setRemoteRefBlockList(List.of("*"));
        return Optional.ofNullable(new OpenAPIV3Parser().readContents(document, null, options).getOpenAPI());
    }

    /** The document as JSON with {@code servers} replaced by the one address given (OpenAPI 3) or host and base path (Swagger 2) dropped. */
    public static String withServer(String document, String url) {
        JsonNode tree = tree(document);
        if (!(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            return document;
        }
        object.remove(List.of("host", "basePath", "schemes"));
        if (object.has("openapi")) {
            object.putArray("servers").addObject().put("url", url);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String document) {
        if (document == null) {
            return null;
        }
        try {
            return JSON.readTree(document);
        } catch (java.io.IOException notJson) {
            try {
                return YAML.readTree(document);
            } catch (java.io.IOException notYaml) {
                return null;
            }
        }
    }

    private static void collect(JsonNode node, List<String> found) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                found.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collect(child, found));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(child, found));
        }
    }
}
