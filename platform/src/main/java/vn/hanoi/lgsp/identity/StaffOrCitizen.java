package vn.hanoi.lgsp.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Two kinds of browser session: staff signed in through the staff realm ({@value #STAFF}), and
 * citizens or businesses through the citizens' realm and VNeID ({@value #CITIZEN}). Neither
 * opens the other's pages: a citizen's session reaches no web app, no agency page.
 */
final class StaffOrCitizen {

    static final String STAFF = "keycloak";
    static final String CITIZEN = "citizen";

    private StaffOrCitizen() {
    }

    static boolean citizen(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken token
                && CITIZEN.equals(token.getAuthorizedClientRegistrationId());
    }

    private static boolean staff(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken token
                && STAFF.equals(token.getAuthorizedClientRegistrationId());
    }

    static AuthorizationDecision citizenOnly(Supplier<Authentication> authentication, RequestAuthorizationContext c) {
        return new AuthorizationDecision(citizen(authentication.get()));
    }

    static AuthorizationDecision staffOnly(Supplier<Authentication> authentication, RequestAuthorizationContext c) {
        return new AuthorizationDecision(staff(authentication.get()));
    }

    /** A citizen is sent straight to VNeID: the citizens' realm has no passwords of its own. */
    static OAuth2AuthorizationRequestResolver straightToVneid(ClientRegistrationRepository registrations) {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        java.util.function.Consumer<OAuth2AuthorizationRequest.Builder> pkce =
                org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers.withPkce();
        resolver.setAuthorizationRequestCustomizer(customizer -> customizer.attributes(attributes -> {
            if (CITIZEN.equals(attributes.get(org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames
                    .REGISTRATION_ID))) {
                // the citizens' realm requires PKCE of its portal client, as a public-facing client should
                pkce.accept(customizer);
                customizer.additionalParameters(p -> p.put("kc_idp_hint", VneidBroker.ALIAS));
            }
        }));
        return resolver;
    }
}
