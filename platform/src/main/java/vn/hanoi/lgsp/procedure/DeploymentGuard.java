package vn.hanoi.lgsp.procedure;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.contract.ReplayableRequest;

/**
 * Engine REST's deployments (Camunda Modeler's deploy dialog, the web apps): at most 10 MB, and
 * read by the same {@link ModelPolicy} the engine applies to every deployment, so that an analyst
 * gets every problem named in one {@code 01} answer before anything reaches the engine. The
 * engine's own check ({@link ModelPolicyPlugin}) is what holds on every path; this one speaks the
 * agency API's language.
 */
final class DeploymentGuard extends OncePerRequestFilter {

    private static final Pattern CREATE = Pattern.compile(
            "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/deployment/create");
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final EnvelopeWriter envelopes;
    private final ProcedureConfiguration.ModelPolicyHolder policy;

    DeploymentGuard(EnvelopeWriter envelopes, ProcedureConfiguration.ModelPolicyHolder policy) {
        this.envelopes = envelopes;
        this.policy = policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!"POST".equals(request.getMethod()) || !CREATE.matcher(path).matches()) {
            chain.doFilter(request, response);
            return;
        }
        ReplayableRequest replayable;
        try {
            replayable = ReplayableRequest.of(request, MAX_BODY);
        } catch (ReplayableRequest.TooLarge e) {
            envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "A deployment is at most 10 MB");
            return;
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (Part part : parts(request.getContentType(), replayable.body())) {
            if (part.filename() != null) {
                resources.put(part.filename(), part.content());
            }
        }
        List<ModelPolicy.Problem> problems = resources.isEmpty() ? List.of() : policy.get().check(resources);
        if (!problems.isEmpty()) {
            envelopes.write(request, response, ErrorCode.VALIDATION_FAILED, "The deployment was not accepted: "
                    + String.join("; ", problems.stream().map(ModelPolicy.Problem::toString).toList()));
            return;
        }
        chain.doFilter(replayable, response);
    }

    private record Part(String filename, byte[] content) {
    }

    /** The parts of a multipart/form-data body, as Camunda Modeler sends them. */
    private static List<Part> parts(String contentType, byte[] body) {
        List<Part> parts = new ArrayList<>();
        Matcher boundaryParameter = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType == null ? "" : contentType);
        if (!boundaryParameter.find()) {
            return parts;
        }
        byte[] boundary = ("--" + boundaryParameter.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        int start = indexOf(body, boundary, 0);
        while (start >= 0) {
            int headersStart = start + boundary.length + 2;
            int next = indexOf(body, boundary, headersStart);
            if (next < 0 || headersStart >= body.length) {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0 || headersEnd > next) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = Math.max(contentStart, next - 2);
            Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            parts.add(new Part(filename.find() ? filename.group(1) : null, content));
            start = next;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
