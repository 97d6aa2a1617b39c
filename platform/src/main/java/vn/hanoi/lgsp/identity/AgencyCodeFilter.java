package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * Leaves the caller's agency code on the request, where monitoring finds it after the
 * security context has been cleared.
 */
final class AgencyCodeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AgencyCaller caller = Tokens.caller();
        if (caller != null && caller.agencyCode() != null) {
            request.setAttribute(TransactionIds.AGENCY_ATTRIBUTE, caller.agencyCode());
        }
        chain.doFilter(request, response);
    }
}
