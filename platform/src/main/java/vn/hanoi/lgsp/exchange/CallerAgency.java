package vn.hanoi.lgsp.exchange;

import org.springframework.security.core.Authentication;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** The agency a call comes from: the {@code agency_code} claim of its Keycloak token. */
final class CallerAgency {

    private CallerAgency() {
    }

    static String of(Authentication authentication) {
        return AgencyCaller.of(authentication).requireAgency(
                "This call is for agency systems: the token carries no agency_code (use your system's client credentials)");
    }
}
