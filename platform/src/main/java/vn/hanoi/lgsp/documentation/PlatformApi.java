package vn.hanoi.lgsp.documentation;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.stereotype.Component;

/**
 * The platform's own API as documents for agencies: the OpenAPI document springdoc generates
 * from the controllers, its Postman collection, and the connection guide of App1 §3.1 (every
 * call with its authentication, method, URL, format, headers, body and status codes) read from
 * that same document, so neither can drift from the code.
 */
@Component
public class PlatformApi {

    public static final String DOCUMENT_PATH = "/api/v1/openapi.json";

    private final OpenApiWebMvcResource springdoc;
    private final PublicAddresses addresses;

    PlatformApi(OpenApiWebMvcResource springdoc, PublicAddresses addresses) {
        this.springdoc = springdoc;
        this.addresses = addresses;
    }

    /** The OpenAPI 3 document of every {@code /api/v1} call. */
    public String document(HttpServletRequest request) {
        try {
            return new String(springdoc.openapiJson(request, DOCUMENT_PATH, Locale.forLanguageTag("vi")),
                    StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the platform's OpenAPI document could not be written", e);
        }
    }

    public String postmanCollection(HttpServletRequest request) {
        return PostmanCollection.generate(document(request), new PostmanCollection.Target(
                "API nền tảng LGSP Hà Nội",
                "Các API của Nền tảng tích hợp, chia sẻ dữ liệu thành phố Hà Nội (Phụ lục 01 §3.1). Điền clientId và "
                        + "clientSecret của hệ thống kết nối; token được bộ sưu tập tự lấy từ Keycloak. Mọi câu trả lời "
                        + "có code (00 thành công, 01 thất bại) và message.",
                addresses.baseUrl(request), "", addresses.tokenUrl(), null, List.of()));
    }

    /** One call of the guide. */
    public record Call(String group, String method, String path, String summary, String authentication,
                       List<Field> parameters, String requestBody, List<Answer> answers) {
    }

    public record Field(String name, String in, boolean required, String type, String description) {
    }

    public record Answer(String status, String description) {
    }

    /** The guide's content: where to call, how to get a token, and every call. */
    public record Guide(String baseUrl, String tokenUrl, String title, String version, List<Call> calls) {
    }

    public Guide guide(HttpServletRequest request) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(document(request), null, options).getOpenAPI();
        List<Call> calls = new ArrayList<>();
        boolean securedByDefault = api.getSecurity() != null && !api.getSecurity().isEmpty();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    calls.add(call(path, method, operation, securedByDefault))));
        }
        calls.sort(Comparator.comparing(Call::group).thenComparing(Call::path).thenComparing(Call::method));
        return new Guide(addresses.baseUrl(request), addresses.tokenUrl(), api.getInfo().getTitle(),
                api.getInfo().getVersion(), calls);
    }

    private static Call call(String path, PathItem.HttpMethod method, Operation operation, boolean securedByDefault) {
        String group = operation.getTags() == null || operation.getTags().isEmpty() ? "" : operation.getTags().get(0);
        boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
        List<Field> parameters = new ArrayList<>();
        if (operation.getParameters() != null) {
            for (Parameter p : operation.getParameters()) {
                parameters.add(new Field(p.getName(), p.getIn(), Boolean.TRUE.equals(p.getRequired()), type(p.getSchema()),
                        p.getDescription() == null ? "" : p.getDescription()));
            }
        }
        String body = null;
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            List<String> kinds = new ArrayList<>();
            operation.getRequestBody().getContent().forEach((mediaType, media) ->
                    kinds.add(mediaType + (media.getSchema() == null ? "" : " — " + type(media.getSchema()))));
            body = String.join("; ", kinds);
        }
        List<Answer> answers = new ArrayList<>();
        if (operation.getResponses() != null) {
            for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
                answers.add(new Answer(response.getKey(), response.getValue().getDescription() == null ? ""
                        : response.getValue().getDescription()));
            }
        }
        return new Call(group, method.name(), path, operation.getSummary() == null ? "" : operation.getSummary(),
                secured ? "Bearer token (Keycloak, OAuth2)" : "Không cần", parameters, body, answers);
    }

    private static String type(Schema<?> schema) {
        if (schema == null) {
            return "";
        }
        if (schema.get$ref() != null) {
            return schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next() : "";
        if ("array".equals(type)) {
            return "array of " + type(schema.getItems());
        }
        return schema.getFormat() != null ? type + " (" + schema.getFormat() + ")" : type;
    }
}
