package vn.hanoi.lgsp.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;

/** Names and readers of the claims the platform relies on in Keycloak tokens. */
final class TokenClaims {

    /** Electronic identifier code of the calling agency (Decision 20/2020/QĐ-TTg). */
    static final String AGENCY_CODE = "agency_code";
    /** The agency of a staff member (their user attribute {@code agency_code}), in staff tokens and sign-ins. */
    static final String STAFF_AGENCY_CODE = "staff_agency_code";
    static final String GROUPS = "groups";
    static final String USERNAME = "preferred_username";

    private TokenClaims() {
    }

    static List<String> realmRoles(Map<String, Object> claims) {
        if (claims.get("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles) {
            return roles.stream().map(Object::toString).toList();
        }
        return List.of();
    }

    static List<String> groups(Map<String, Object> claims) {
        if (claims.get(GROUPS) instanceof Collection<?> groups) {
            // group membership mapper without full path gives names; strip a path just in case
            return groups.stream().map(Object::toString).map(g -> g.startsWith("/") ? g.substring(1) : g).toList();
        }
        return List.of();
    }

    static String username(Jwt jwt) {
        String name = jwt.getClaimAsString(USERNAME);
        return name != null ? name : jwt.getSubject();
    }
}
