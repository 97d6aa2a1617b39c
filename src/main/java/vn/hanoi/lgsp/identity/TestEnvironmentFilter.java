package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Keeps the environments apart: a credential issued for the test environment
 * ({@code lgsp_environment: test}) reaches the gateway (which sends it to test upstreams only),
 * reads the catalog, categories and status, and follows its own registration; it never
 * touches production records, inboxes or credentials.
 */
final class TestEnvironmentFilter extends OncePerRequestFilter {

    static final String ENVIRONMENT_CLAIM = "lgsp_environment";

    private final EnvelopeWriter envelopes;

    TestEnvironmentFilter(EnvelopeWriter envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                && "test".equalsIgnoreCase(token.getToken().getClaimAsString(ENVIRONMENT_CLAIM))
                && !allowedOnTest(request)) {
            envelopes.write(request, response, ErrorCode.FORBIDDEN, "This credential is for the test environment: it "
                    + "reaches the gateway's test upstreams, the catalog, categories, status and its registration, not "
                    + "production records, inboxes or credentials");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean allowedOnTest(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (path.startsWith("/api/v1/gateway/")) {
            return true;
        }
        if (path.startsWith("/api/v1/registrations/")) {
            return !(path.endsWith("/credentials") && !"TEST".equalsIgnoreCase(request.getParameter("environment")));
        }
        return read && (path.startsWith("/api/v1/services") || path.startsWith("/api/v1/categories")
                || path.startsWith("/api/v1/status"));
    }
}
