package vn.hanoi.lgsp.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Analysts deploy from Camunda Modeler: its deploy dialog takes the engine REST address and a
 * bearer token. This page gives a signed-in member of {@value #ANALYSTS} the token of their own
 * session — short-lived (the realm's access-token lifespan), refreshed when it has run out —
 * and the address. The token carries the analyst's own rights only; others get a refusal.
 */
@Controller
class ModelDeployment {

    static final String ANALYSTS = "process-analysts";
    private static final String STAFF_REGISTRATION = "keycloak";

    private final DefaultOAuth2AuthorizedClientManager clients;
    private final vn.hanoi.lgsp.documentation.PublicAddresses addresses;

    ModelDeployment(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository authorized,
                    vn.hanoi.lgsp.documentation.PublicAddresses addresses) {
        this.addresses = addresses;
        this.clients = new DefaultOAuth2AuthorizedClientManager(registrations, authorized);
        this.clients.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
    }

    @GetMapping("/trien-khai-mo-hinh")
    String page(OAuth2AuthenticationToken signedIn, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        Object groups = signedIn.getPrincipal() instanceof OidcUser user ? user.getClaims().get("groups") : null;
        if (!(groups instanceof Collection<?> names) || !names.contains(ANALYSTS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Trang này dành cho chuyên viên mô hình hóa quy "
                    + "trình (nhóm " + ANALYSTS + ").");
        }
        OAuth2AuthorizedClient client;
        try {
            client = clients.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(STAFF_REGISTRATION).principal(signedIn)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response).build());
        } catch (org.springframework.security.oauth2.client.ClientAuthorizationException expired) {
            client = null;
        }
        if (client == null || client.getAccessToken() == null) {
            // Keycloak's session ended (idle or maximum time): sign in again, then back here
            return "redirect:/oauth2/authorization/" + STAFF_REGISTRATION;
        }
        // a bearer token on the page: never kept by the browser or a proxy
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("token", client.getAccessToken().getTokenValue());
        model.addAttribute("expiresAt", client.getAccessToken().getExpiresAt());
        model.addAttribute("engineRest", addresses.baseUrl(request) + "/engine-rest");
        model.addAttribute("analyst", signedIn.getName());
        return "portal/deployment";
    }
}
