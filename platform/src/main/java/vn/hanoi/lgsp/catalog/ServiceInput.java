package vn.hanoi.lgsp.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** Checks what a DOST operator submits, naming every field that is wrong at once. */
final class ServiceInput {

    static final String JSON = "application/json";
    static final String YAML = "application/yaml";

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int CODE_MAX = 60;
    private static final Pattern VERSION = Pattern.compile("v[0-9]+(\\.[0-9]+){0,2}");
    private static final Pattern YAML_OPENAPI = Pattern.compile("(?m)^[\"']?(openapi|swagger)[\"']?\\s*:");

    private final ObjectMapper json;

    ServiceInput(ObjectMapper json) {
        this.json = json;
    }

    void checkService(ServiceCatalog.NewService service) {
        List<ApiError.Detail> problems = new ArrayList<>();
        if (service.code() == null || service.code().length() > CODE_MAX || !CODE.matcher(service.code()).matches()) {
            problems.add(new ApiError.Detail("code", "must be lower-case letters and digits in dash-separated words, "
                    + "at most " + CODE_MAX + " characters, e.g. hotich-tra-cuu"));
        }
        if (blank(service.name())) {
            problems.add(new ApiError.Detail("name", "is required"));
        } else if (service.name().length() > 300) {
            problems.add(new ApiError.Detail("name", "must be at most 300 characters"));
        }
        if (blank(service.provider())) {
            problems.add(new ApiError.Detail("provider", "the provider agency's electronic identifier code is required"));
        }
        if (service.classification() == null) {
            problems.add(new ApiError.Detail("classification", "is required: one of "
                    + Arrays.toString(DataClassification.values())));
        }
        problems.addAll(versionProblems(service.firstVersion()));
        fail("The service cannot be registered", problems);
    }

    void checkVersion(ServiceCatalog.NewVersion version) {
        fail("The version cannot be added", versionProblems(version));
    }

    /** The media type the OpenAPI text is written in, judged from its first character. */
    String openApiMediaType(String text) {
        return text.stripLeading().startsWith("{") ? JSON : YAML;
    }

    private List<ApiError.Detail> versionProblems(ServiceCatalog.NewVersion version) {
        List<ApiError.Detail> problems = new ArrayList<>();
        if (version.version() == null || !VERSION.matcher(version.version()).matches()) {
            problems.add(new ApiError.Detail("version", "must look like v1, v2 or v2.1"));
        }
        if (!httpUrl(version.baseUrl())) {
            problems.add(new ApiError.Detail("baseUrl", "must be the http(s) URL of the provider's endpoint"));
        }
        if (version.openApi() != null && !openApi(version.openApi())) {
            problems.add(new ApiError.Detail("openApi", "must be an OpenAPI (or Swagger) document in JSON or YAML"));
        } else if (version.openApi() != null
                && !vn.hanoi.lgsp.documentation.OpenApiDocuments.externalReferences(version.openApi()).isEmpty()) {
            problems.add(new ApiError.Detail("openApi", "must be self-contained: $ref may point only inside the "
                    + "document (#/...), not to " + vn.hanoi.lgsp.documentation.OpenApiDocuments
                    .externalReferences(version.openApi()).get(0)));
        }
        if (version.postmanCollection() != null && !jsonObject(version.postmanCollection())) {
            problems.add(new ApiError.Detail("postmanCollection", "must be a Postman collection in JSON"));
        }
        if (version.documents() != null) {
            for (int i = 0; i < version.documents().size(); i++) {
                TechnicalDocument d = version.documents().get(i);
                if (d == null || blank(d.title()) || !httpUrl(d.url())) {
                    problems.add(new ApiError.Detail("documents[" + i + "]", "needs a title and an http(s) url"));
                }
            }
        }
        return problems;
    }

    /** Parses an enum value given as text, with the allowed values in the message. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        String allowed = Arrays.toString(type.getEnumConstants());
        if (blank(value)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, field + " is required: one of " + allowed);
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, field + " must be one of " + allowed + "; '" + value
                    + "' is not");
        }
    }

    private boolean openApi(String text) {
        if (openApiMediaType(text).equals(YAML)) {
            return YAML_OPENAPI.matcher(text).find();
        }
        JsonNode node = read(text);
        return node != null && (node.has("openapi") || node.has("swagger"));
    }

    private boolean jsonObject(String text) {
        JsonNode node = read(text);
        return node != null && node.isObject();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean httpUrl(String url) {
        if (blank(url)) {
            return false;
        }
        try {
            URI uri = URI.create(url.trim());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void fail(String what, List<ApiError.Detail> problems) {
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, what + ": "
                    + problems.stream().map(p -> p.field() + " " + p.reason()).toList(), problems);
        }
    }
}
