package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.AgencyCaller;

/**
 * Camunda's REST API acts as the token's user: the engine checks its authorizations against
 * the user name and the Keycloak groups carried in the token.
 */
final class EngineRestIdentityFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final vn.hanoi.lgsp.contract.EnvelopeWriter envelopes;
    private final WorkerEngineAccess workers;

    EngineRestIdentityFilter(IdentityService identityService, vn.hanoi.lgsp.contract.EnvelopeWriter envelopes,
                             WorkerEngineAccess workers) {
        this.identityService = identityService;
        this.envelopes = envelopes;
        this.workers = workers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AgencyCaller caller = Tokens.caller();
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        // an agency's system talks to the agency API; the engine is for staff and the workers (least privilege)
        if (caller.agencySystem()) {
            envelopes.write(request, response, vn.hanoi.lgsp.contract.ErrorCode.FORBIDDEN,
                    "Agency system credentials cannot use the process engine's API; use the agency API under /api/v1");
            return;
        }
        java.util.List<String> groups = caller.groups();
        HttpServletRequest passed = request;
        if (groups.contains(CamundaAccess.WORKERS_GROUP)) {
            String path = request.getPathInfo() != null ? request.getPathInfo()
                    : request.getRequestURI().substring(request.getContextPath().length() + "/engine-rest".length());
            Object checked = workers.check(request, path);
            if (checked instanceof WorkerEngineAccess.Refusal refusal) {
                envelopes.write(request, response, refusal.status(),
                        refusal.status() == 413 ? vn.hanoi.lgsp.contract.ErrorCode.PAYLOAD_TOO_LARGE
                                : vn.hanoi.lgsp.contract.ErrorCode.FORBIDDEN, refusal.reason());
                return;
            }
            passed = (HttpServletRequest) checked;
        }
        String user = caller.name();
        if (user == null || user.isBlank()) {
            // without a user the engine would check no authorization at all, and take the call for the platform's own
            envelopes.write(request, response, vn.hanoi.lgsp.contract.ErrorCode.FORBIDDEN,
                    "The token names no user (preferred_username or sub); the process engine acts only as a named user");
            return;
        }
        identityService.setAuthentication(user, groups);
        try {
            chain.doFilter(passed, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
