package vn.hanoi.lgsp.exchange;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** The agency a call comes from: the {@code agency_code} claim of its Keycloak token. */
final class CallerAgency {

    private CallerAgency() {
    }

    static String of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            String code = token.getToken().getClaimAsString("agency_code");
            if (code != null && !code.isBlank()) {
                return code;
            }
        }
        throw new ApiException(ErrorCode.FORBIDDEN,
                "This call is for agency systems: the token carries no agency_code (use your system's client credentials)");
    }
}
