package vn.hanoi.lgsp.documentation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Postman collection (format v2.1) generated from an OpenAPI 3 document, addressed to the
 * LGSP rather than to the provider: every request goes to {@code {{baseUrl}}} plus a prefix
 * (the gateway's {@code /api/v1/gateway/{service}/{version}} for a catalog service, nothing
 * for the platform's own API). The collection fetches its own token: a pre-request script
 * asks Keycloak for one with the client credentials in {@code clientId}/{@code clientSecret}
 * when none is held or it is about to expire, so a newcomer fills in two variables and sends.
 * Each request checks that it succeeded (HTTP 2xx and, where the answer is the LGSP envelope,
 * {@code code} 00).
 */
public final class PostmanCollection {

    public static final String SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final List<PathItem.HttpMethod> METHODS = List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /**
     * Where the collection points and what it says of itself.
     *
     * @param name        the collection's title
     * @param description shown in Postman's overview of the collection
     * @param baseUrl     the LGSP's address, e.g. {@code https://lgsp.hanoi.gov.vn}
     * @param pathPrefix  put before each path of the document; empty for the platform's own API
     * @param tokenUrl    Keycloak's token endpoint
     * @param clientId    filled in when the reader's credential is known; usually empty
     * @param headers     sent with every request besides the document's own, e.g. what the gateway asks of
     *                    a look-up of personal data
     */
    public record Target(String name, String description, String baseUrl, String pathPrefix, String tokenUrl,
                         String clientId, List<Header> headers) {

        public Target {
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    public record Header(String key, String value, String description) {
    }

    private PostmanCollection() {
    }

    /** The collection as JSON text; {@link IllegalArgumentException} when the document is not OpenAPI 3. */
    public static String generate(String openApiDocument, Target target) {
        OpenAPI api = OpenApiDocuments.read(openApiDocument).orElseThrow(() ->
                new IllegalArgumentException("not a self-contained OpenAPI 3 document"));
        ObjectNode collection = JSON.createObjectNode();
        ObjectNode info = collection.putObject("info");
        // stable for one target, so re-importing replaces the collection instead of adding a copy
        info.put("_postman_id", UUID.nameUUIDFromBytes((target.name() + target.baseUrl() + target.pathPrefix())
                .getBytes(StandardCharsets.UTF_8)).toString());
        info.put("name", target.name());
        info.put("description", target.description());
        info.put("schema", SCHEMA);

        ObjectNode auth = collection.putObject("auth");
        auth.put("type", "bearer");
        ArrayNode bearer = auth.putArray("bearer");
        bearer.addObject().put("key", "token").put("value", "{{accessToken}}").put("type", "string");

        collection.putArray("event").add(script("prerequest", TOKEN_SCRIPT));

        ArrayNode variables = collection.putArray("variable");
        variable(variables, "baseUrl", target.baseUrl(), "Địa chỉ của LGSP");
        variable(variables, "tokenUrl", target.tokenUrl(), "Điểm cấp token của Keycloak (OAuth2 client credentials)");
        variable(variables, "clientId", target.clientId() == null ? "" : target.clientId(),
                "client_id của hệ thống kết nối");
        variable(variables, "clientSecret", "", "client_secret của hệ thống kết nối (không chia sẻ)");
        variable(variables, "accessToken", "", "Do bộ sưu tập tự lấy; để trống");
        variable(variables, "accessTokenExpiresAt", "0", "Do bộ sưu tập tự ghi; để trống");

        ArrayNode items = collection.putArray("item");
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> {
                Map<PathItem.HttpMethod, Operation> operations = item.readOperationsMap();
                for (PathItem.HttpMethod method : METHODS) {
                    Operation operation = operations.get(method);
                    if (operation != null) {
                        items.add(request(target, path, method, operation, item.getParameters()));
                    }
                }
            });
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(collection);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode request(Target target, String path, PathItem.HttpMethod method, Operation operation,
                                      List<Parameter> shared) {
        // the path's parameters, each overridden by the operation's of the same name and place (OpenAPI 3 §4.8.9)
        Map<String, Parameter> byNameAndPlace = new java.util.LinkedHashMap<>();
        for (List<Parameter> level : java.util.Arrays.asList(shared, operation.getParameters())) {
            if (level != null) {
                level.forEach(p -> byNameAndPlace.put(p.getIn() + ":" + p.getName(), p));
            }
        }
        List<Parameter> parameters = new ArrayList<>(byNameAndPlace.values());
        ObjectNode item = JSON.createObjectNode();
        String name = operation.getSummary() != null ? operation.getSummary()
                : operation.getOperationId() != null ? operation.getOperationId() : method + " " + path;
        item.put("name", name);
        ObjectNode request = item.putObject("request");
        request.put("method", method.name());
        if (operation.getDescription() != null) {
            request.put("description", operation.getDescription());
        }
        ArrayNode headers = request.putArray("header");
        headers.addObject().put("key", "Accept").put("value", "application/json");
        for (Header header : target.headers()) {
            headers.addObject().put("key", header.key()).put("value", header.value())
                    .put("description", header.description());
        }

        // Postman writes path parameters as :name and lists them under url.variable
        String prefix = target.pathPrefix() == null ? "" : target.pathPrefix();
        Matcher template = PATH_PARAMETER.matcher(prefix + path);
        String postmanPath = template.replaceAll(m -> ":" + Matcher.quoteReplacement(m.group(1)));
        ObjectNode url = request.putObject("url");
        url.putArray("host").add("{{baseUrl}}");
        ArrayNode segments = url.putArray("path");
        for (String segment : postmanPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        ArrayNode query = JSON.createArrayNode();
        ArrayNode pathVariables = JSON.createArrayNode();
        StringBuilder raw = new StringBuilder("{{baseUrl}}").append(postmanPath);
        List<String> rawQuery = new ArrayList<>();
        for (Parameter parameter : parameters) {
            String value = Examples.of(parameter);
            switch (parameter.getIn() == null ? "" : parameter.getIn()) {
                case "path" -> pathVariables.addObject().put("key", parameter.getName()).put("value", value)
                        .put("description", describe(parameter));
                case "query" -> {
                    boolean required = Boolean.TRUE.equals(parameter.getRequired());
                    ObjectNode entry = query.addObject().put("key", parameter.getName()).put("value", value)
                            .put("description", describe(parameter));
                    if (required) {
                        rawQuery.add(encode(parameter.getName()) + "=" + encode(value));
                    } else {
                        entry.put("disabled", true);
                    }
                }
                case "header" -> {
                    if (!"authorization".equalsIgnoreCase(parameter.getName())) {
                        headers.addObject().put("key", parameter.getName()).put("value", value)
                                .put("description", describe(parameter));
                    }
                }
                default -> {
                }
            }
        }
        if (!rawQuery.isEmpty()) {
            raw.append('?').append(String.join("&", rawQuery));
        }
        url.put("raw", raw.toString());
        if (!query.isEmpty()) {
            url.set("query", query);
        }
        if (!pathVariables.isEmpty()) {
            url.set("variable", pathVariables);
        }

        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            var content = operation.getRequestBody().getContent();
            Map.Entry<String, MediaType> chosen = content.entrySet().stream()
                    .filter(e -> e.getKey().contains("json")).findFirst()
                    .orElse(content.entrySet().stream().findFirst().orElse(null));
            if (chosen != null) {
                headers.addObject().put("key", "Content-Type").put("value", chosen.getKey());
                ObjectNode body = request.putObject("body");
                body.put("mode", "raw");
                body.put("raw", Examples.body(chosen.getValue()));
                if (chosen.getKey().contains("json")) {
                    body.putObject("options").putObject("raw").put("language", "json");
                }
            }
        }
        item.putArray("event").add(script("test", SUCCESS_SCRIPT));
        return item;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(Parameter parameter) {
        String text = parameter.getDescription() == null ? "" : parameter.getDescription();
        return Boolean.TRUE.equals(parameter.getRequired()) ? ("(bắt buộc) " + text).strip() : text;
    }

    private static void variable(ArrayNode variables, String key, String value, String description) {
        variables.addObject().put("key", key).put("value", value).put("type", "string").put("description", description);
    }

    private static ObjectNode script(String listen, List<String> lines) {
        ObjectNode event = JSON.createObjectNode();
        event.put("listen", listen);
        ObjectNode script = event.putObject("script");
        script.put("type", "text/javascript");
        ArrayNode exec = script.putArray("exec");
        lines.forEach(exec::add);
        return event;
    }

    /** Client credentials once, then again 30 s before the token expires. */
    private static final List<String> TOKEN_SCRIPT = List.of(
            "// Lấy token OAuth2 (client credentials) từ Keycloak khi chưa có hoặc sắp hết hạn",
            "const expiresAt = Number(pm.collectionVariables.get('accessTokenExpiresAt') || 0);",
            "if (pm.collectionVariables.get('accessToken') && Date.now() < expiresAt - 30000) { return; }",
            "pm.sendRequest({",
            "  url: pm.variables.get('tokenUrl'),",
            "  method: 'POST',",
            "  header: { 'Content-Type': 'application/x-www-form-urlencoded' },",
            "  body: { mode: 'urlencoded', urlencoded: [",
            "    { key: 'grant_type', value: 'client_credentials' },",
            "    { key: 'client_id', value: pm.variables.get('clientId') },",
            "    { key: 'client_secret', value: pm.variables.get('clientSecret') }",
            "  ] }",
            "}, (error, response) => {",
            "  if (error || response.code !== 200) {",
            "    console.error('Keycloak không cấp token: ' + (error || response.code + ' ' + response.text()));",
            "    return;",
            "  }",
            "  const token = response.json();",
            "  pm.collectionVariables.set('accessToken', token.access_token);",
            "  pm.collectionVariables.set('accessTokenExpiresAt', String(Date.now() + token.expires_in * 1000));",
            "});");

    private static final List<String> SUCCESS_SCRIPT = List.of(
            "pm.test('HTTP 2xx', () => pm.expect(pm.response.code).to.be.within(200, 299));",
            "if (pm.response.code >= 400) { console.log(pm.response.text()); }",
            "const type = pm.response.headers.get('Content-Type') || '';",
            "if (type.includes('json')) {",
            "  const body = pm.response.json();",
            "  if (body && typeof body === 'object' && 'code' in body) {",
            "    pm.test('code 00', () => pm.expect(body.code).to.eql('00'));",
            "  }",
            "}");
}
