package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * Leaves the caller's agency code on the request, where monitoring finds it after the
 * security context has been cleared.
 */
final class AgencyCodeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            String agency = token.getToken().getClaimAsString(TokenClaims.AGENCY_CODE);
            if (agency != null) {
                request.setAttribute(TransactionIds.AGENCY_ATTRIBUTE, agency);
            }
        }
        chain.doFilter(request, response);
    }
}
