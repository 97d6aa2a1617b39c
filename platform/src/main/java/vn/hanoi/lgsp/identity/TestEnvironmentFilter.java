package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Keeps the environments apart: a credential issued for the test environment
 * ({@code lgsp_environment: test}) reaches the gateway (which sends it to test upstreams only),
 * reads the catalog, categories, status and the public notices, and follows its own registration; it never
 * touches production records, inboxes or credentials.
 */
final class TestEnvironmentFilter extends OncePerRequestFilter {

    private final EnvelopeWriter envelopes;
    private final org.springframework.context.ApplicationEventPublisher events;

    TestEnvironmentFilter(EnvelopeWriter envelopes, org.springframework.context.ApplicationEventPublisher events) {
        this.envelopes = envelopes;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AgencyCaller caller = Tokens.caller();
        if (caller != null && caller.testCredential()
                && !allowedOnTest(request)) {
            // a test credential reaching for production is refused, and counted by the security watch
            events.publishEvent(new vn.hanoi.lgsp.contract.SecuritySignal(
                    vn.hanoi.lgsp.contract.SecuritySignal.TEST_CREDENTIAL_ON_PRODUCTION, "client " + caller.clientId(),
                    request.getMethod() + " " + request.getRequestURI() + " with a test credential"));
            envelopes.write(request, response, ErrorCode.FORBIDDEN, "This credential is for the test environment: it "
                    + "reaches the gateway's test upstreams, the catalog, categories, status and its registration, not "
                    + "production records, inboxes or credentials");
            return;
        }
        chain.doFilter(request, response);
    }

    private static final java.util.regex.Pattern PROCEDURE_CASES =
            java.util.regex.Pattern.compile("/api/v1/procedures/(cases/[^/]+|[^/]+/cases)");
    private static final java.util.regex.Pattern OWN_REGISTRATION =
            java.util.regex.Pattern.compile("/api/v1/registrations/[^/]+(/test-confirmation|/credentials)?");

    static boolean allowedOnTest(HttpServletRequest request) {
        // decoded and normalised the way the handler mapping sees it: "credential%73" is "credentials"
        String path = org.springframework.web.util.UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (path.startsWith("/api/v1/gateway/")) {
            return true;
        }
        // a procedure's cases in the test environment: the version under review runs there
        if (PROCEDURE_CASES.matcher(path).matches()) {
            return true;
        }
        java.util.regex.Matcher registration = OWN_REGISTRATION.matcher(path);
        if (registration.matches()) {
            String tail = registration.group(1);
            if (tail == null) {
                return read;
            }
            if (tail.equals("/test-confirmation")) {
                return "POST".equals(method);
            }
            return read && "TEST".equalsIgnoreCase(request.getParameter("environment"));
        }
        return read && (path.startsWith("/api/v1/services") || path.startsWith("/api/v1/categories")
                || path.startsWith("/api/v1/status") || path.equals("/api/v1/notices"));
    }
}
