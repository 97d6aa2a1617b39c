package vn.hanoi.lgsp.identity;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, the same way for a bearer token (agency systems, staff tools) and for a
 * staff member signed in to the web apps: realm roles and the agency the caller belongs to.
 */
public final class Callers {

    private static final String ROLE_PREFIX = "ROLE_";

    private Callers() {
    }

    /** The caller's realm roles, without the {@code ROLE_} prefix. */
    public static Set<String> roles(Authentication caller) {
        if (caller == null) {
            return Set.of();
        }
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(ROLE_PREFIX)).map(a -> a.substring(ROLE_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The agency whose system calls (its client credentials carry {@code agency_code}); null for anyone else. */
    public static String systemAgencyCode(Authentication caller) {
        return caller instanceof JwtAuthenticationToken token ? token.getToken().getClaimAsString(TokenClaims.AGENCY_CODE)
                : null;
    }

    /**
     * The agency a staff member works for (their Keycloak attribute {@code agency_code}), from
     * their token or their sign-in; null for anyone else. Staff carry it as
     * {@code staff_agency_code}: {@code agency_code} in a token marks an agency's system.
     */
    public static String staffAgencyCode(Authentication caller) {
        if (caller instanceof JwtAuthenticationToken token) {
            return token.getToken().getClaimAsString(TokenClaims.AGENCY_CODE) != null ? null
                    : token.getToken().getClaimAsString(TokenClaims.STAFF_AGENCY_CODE);
        }
        if (caller != null && caller.getPrincipal() instanceof OidcUser user) {
            return user.getClaimAsString(TokenClaims.STAFF_AGENCY_CODE);
        }
        return null;
    }

    public static String name(Authentication caller) {
        if (caller instanceof JwtAuthenticationToken token) {
            return TokenClaims.username(token.getToken());
        }
        if (caller != null && caller.getPrincipal() instanceof OidcUser user && user.getPreferredUsername() != null) {
            return user.getPreferredUsername();
        }
        return caller == null ? null : caller.getName();
    }

    /** The caller's Keycloak groups (staff tokens carry them), without the leading slash. */
    public static java.util.List<String> groups(Authentication caller) {
        return caller instanceof JwtAuthenticationToken token ? TokenClaims.groups(token.getToken().getClaims())
                : java.util.List.of();
    }

    /** Whether the credential was issued for the test environment ({@code lgsp_environment: test}, R-14). */
    public static boolean testCredential(Authentication caller) {
        return caller instanceof JwtAuthenticationToken token
                && "test".equalsIgnoreCase(token.getToken().getClaimAsString(TestEnvironmentFilter.ENVIRONMENT_CLAIM));
    }
}
