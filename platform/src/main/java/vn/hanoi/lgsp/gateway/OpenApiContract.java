package vn.hanoi.lgsp.gateway;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.contract.ApiError;

/**
 * What a version's OpenAPI document says about its calls: the path templates (so the journal
 * keeps {@code /cong-dan/{soDinhDanh}}, never the identifier), and, where the policy asks for
 * it, whether a request is valid before it reaches the provider.
 */
final class OpenApiContract {

    /** A segment that may carry an identifier: anything with a digit in it, or very long. */
    private static final Pattern IDENTIFIER_LIKE = Pattern.compile(".*[0-9].*|.{41,}");

    private final List<String[]> templates;
    private final OpenApiInteractionValidator validator;

    private OpenApiContract(List<String[]> templates, OpenApiInteractionValidator validator) {
        this.templates = templates;
        this.validator = validator;
    }

    /** No document: paths are masked by their look. */
    static final OpenApiContract NONE = new OpenApiContract(List.of(), null);

    static OpenApiContract of(String document) {
        if (document == null || document.isBlank()) {
            return NONE;
        }
        OpenAPI api = vn.hanoi.lgsp.documentation.OpenApiDocuments.read(document, false).orElse(null);
        if (api == null) {
            return NONE;
        }
        List<String[]> templates = new ArrayList<>();
        if (api.getPaths() != null) {
            api.getPaths().keySet().forEach(p -> templates.add(segments(p)));
        }
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api)
                .withBasePathOverride("/")
                // the gateway authenticates callers itself; the provider's security schemes do not apply here
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        return new OpenApiContract(List.copyOf(templates), validator);
    }

    /**
     * The path as the journal keeps it: the document's template when one matches, otherwise
     * every segment that could be an identifier replaced by {@code {}}.
     */
    String template(List<String> segments) {
        for (String[] template : templates) {
            if (template.length == segments.size() && matches(template, segments)) {
                return "/" + String.join("/", template);
            }
        }
        StringBuilder masked = new StringBuilder();
        for (String segment : segments) {
            masked.append('/').append(IDENTIFIER_LIKE.matcher(segment).matches() || segment.contains("%") ? "{}" : segment);
        }
        return masked.length() == 0 ? "/" : masked.toString();
    }

    boolean canValidate() {
        return validator != null;
    }

    /** Every way the request departs from the document; empty when it is valid. */
    List<ApiError.Detail> problems(String method, String path, String rawQuery, String contentType, byte[] body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                request.withQueryParam(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (body != null && body.length > 0) {
            request.withBody(body);
        }
        ValidationReport report = validator.validateRequest(request.build());
        List<ApiError.Detail> problems = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                problems.add(new ApiError.Detail(field(message), message.getMessage()));
            }
        }
        return problems;
    }

    private static String field(ValidationReport.Message message) {
        return message.getContext()
                .flatMap(c -> c.getParameter().map(p -> p.getName()))
                .orElseGet(() -> message.getContext().flatMap(c -> c.getPointers()
                        .map(p -> p.getInstance())).filter(s -> !s.isBlank()).orElse(message.getKey()));
    }

    private static boolean matches(String[] template, List<String> segments) {
        for (int i = 0; i < template.length; i++) {
            boolean variable = template[i].startsWith("{") && template[i].endsWith("}");
            if (!variable && !template[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
