package vn.hanoi.lgsp.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.hanoi.lgsp.contract.AgencyCaller;

/** The filters' view of the caller: the one a bearer token made, as the token chains' converter made it. */
final class Tokens {

    private Tokens() {
    }

    /** The caller of a request signed in with a bearer token; null for any other request. */
    static AgencyCaller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AgencyCaller caller ? caller : null;
    }
}
