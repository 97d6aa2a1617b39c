package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST API acts as the token's user: the engine checks its authorizations against
 * the user name and the Keycloak groups carried in the token.
 */
final class EngineRestIdentityFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final vn.hanoi.lgsp.contract.EnvelopeWriter envelopes;

    EngineRestIdentityFilter(IdentityService identityService, vn.hanoi.lgsp.contract.EnvelopeWriter envelopes) {
        this.identityService = identityService;
        this.envelopes = envelopes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response);
            return;
        }
        // an agency's system talks to the agency API; the engine is for staff and the workers (least privilege)
        if (token.getToken().getClaimAsString(TokenClaims.AGENCY_CODE) != null) {
            envelopes.write(request, response, vn.hanoi.lgsp.contract.ErrorCode.FORBIDDEN,
                    "Agency system credentials cannot use the process engine's API; use the agency API under /api/v1");
            return;
        }
        identityService.setAuthentication(TokenClaims.username(token.getToken()),
                TokenClaims.groups(token.getToken().getClaims()));
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
