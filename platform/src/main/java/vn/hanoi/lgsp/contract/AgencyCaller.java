package vn.hanoi.lgsp.contract;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who calls the platform, read once per request from what Spring Security verified: for a
 * bearer token the identity module's converter makes it the authentication's principal; a
 * staff member signed in to the web apps is read from the sign-in. Code asks this record, never
 * the token's claims.
 *
 * @param name             the user (or, for a system, its service account) the call is made as
 * @param clientId         the Keycloak client that obtained the token ({@code azp}); the name when there is none
 * @param agencyCode       the agency whose system calls (its client credentials carry {@code agency_code}); null
 *                         for anyone else and when the claim is blank or not text
 * @param agencySystem     whether the credential claims to be an agency's system at all, readable or not: such a
 *                         credential is never taken for a staff member's
 * @param staffAgencyCode  the agency a staff member works for ({@code staff_agency_code}); null for systems
 * @param environment      the environment the credential was issued for
 * @param environmentClaim the environment as the credential names it, for messages; null when it names none
 * @param roles            realm roles, without the {@code ROLE_} prefix
 * @param groups           Keycloak groups (staff tokens carry them), without the leading slash
 */
public record AgencyCaller(
        String name,
        String clientId,
        String agencyCode,
        boolean agencySystem,
        String staffAgencyCode,
        Environment environment,
        String environmentClaim,
        Set<String> roles,
        List<String> groups) {

    /** {@code lgsp_environment}: agency clients made before environments existed are production ones. */
    public enum Environment {
        PRODUCTION, TEST, UNKNOWN;

        public static Environment of(String claim) {
            if (claim == null || claim.equalsIgnoreCase("production")) {
                return PRODUCTION;
            }
            return claim.equalsIgnoreCase("test") ? TEST : UNKNOWN;
        }
    }

    private static final String ROLE_PREFIX = "ROLE_";
    private static final String STAFF_AGENCY_CODE = "staff_agency_code";

    public AgencyCaller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The caller of a request, whichever way it signed in; with nobody signed in, a caller with no name and no roles. */
    public static AgencyCaller of(Authentication authentication) {
        if (authentication == null) {
            return new AgencyCaller(null, "anonymous", null, false, null, Environment.PRODUCTION, null, Set.of(), List.of());
        }
        if (authentication.getPrincipal() instanceof AgencyCaller caller) {
            return caller;
        }
        Set<String> roles = roles(authentication);
        if (authentication.getPrincipal() instanceof OidcUser user) {
            String name = user.getPreferredUsername() != null ? user.getPreferredUsername() : authentication.getName();
            return new AgencyCaller(name, name, null, false, user.getClaimAsString(STAFF_AGENCY_CODE),
                    Environment.PRODUCTION, null, roles, List.of());
        }
        return new AgencyCaller(authentication.getName(), authentication.getName(), null, false, null,
                Environment.PRODUCTION, null, roles, List.of());
    }

    /** The caller's agency; a caller that is no agency's system is refused with {@code refusal}. */
    public String requireAgency(String refusal) {
        if (agencyCode == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, refusal);
        }
        return agencyCode;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether the credential was issued for the test environment ({@code lgsp_environment: test}, R-14). */
    public boolean testCredential() {
        return environment == Environment.TEST;
    }

    private static Set<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(ROLE_PREFIX)).map(a -> a.substring(ROLE_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
