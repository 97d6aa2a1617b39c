package vn.hanoi.lgsp.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import vn.hanoi.lgsp.contract.AgencyCaller;

/**
 * The one place a verified Keycloak token becomes a caller, for every token chain: realm roles
 * become {@code ROLE_<role>} authorities and the claims an {@link AgencyCaller}, the
 * authentication's principal.
 */
final class AgencyCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String CLIENT_ID = "azp";
    static final String ENVIRONMENT = "lgsp_environment";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : TokenClaims.realmRoles(jwt.getClaims())) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        return new CallerToken(jwt, caller(jwt), authorities);
    }

    /** Who the token says is calling; a claim that is not text counts as absent. */
    static AgencyCaller caller(Jwt jwt) {
        Map<String, Object> claims = jwt.getClaims();
        String name = TokenClaims.username(jwt);
        String client = text(claims, CLIENT_ID);
        String agency = text(claims, TokenClaims.AGENCY_CODE);
        boolean agencySystem = claims.get(TokenClaims.AGENCY_CODE) != null;
        // agency_code marks an agency's system: such a token speaks for no staff member's agency
        String staffAgency = agencySystem ? null : text(claims, TokenClaims.STAFF_AGENCY_CODE);
        String environment = text(claims, ENVIRONMENT);
        return new AgencyCaller(name, client != null ? client : name, agency == null || agency.isBlank() ? null : agency,
                agencySystem, staffAgency, AgencyCaller.Environment.of(environment), environment,
                Set.copyOf(TokenClaims.realmRoles(claims)), TokenClaims.groups(claims));
    }

    private static String text(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String value ? value : null;
    }

    /** A bearer token whose principal is the caller; the token itself stays at hand for what needs it. */
    static final class CallerToken extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

        private final String name;

        CallerToken(Jwt jwt, AgencyCaller caller, Collection<? extends GrantedAuthority> authorities) {
            super(jwt, caller, jwt, authorities);
            this.name = caller.name();
            setAuthenticated(true);
        }

        @Override
        public Map<String, Object> getTokenAttributes() {
            return getToken().getClaims();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public AgencyCaller getPrincipal() {
            return (AgencyCaller) super.getPrincipal();
        }
    }
}
