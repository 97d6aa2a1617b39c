package vn.hanoi.lgsp.documentation;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.hanoi.lgsp.platform.KeycloakRealm;

/**
 * Where documents handed to agencies (Postman collections, the connection guide) say the LGSP
 * and its token endpoint are: {@code lgsp.portal.public-url} and {@code lgsp.portal.token-url}
 * in production, behind the city's proxy; in development the address the page was asked on
 * and the Keycloak realm the platform uses.
 */
@Component
public class PublicAddresses {

    /**
     * @param publicUrl where Postman collections and the connection guide say the LGSP is, behind
     *                  the city's proxy; empty: the address the page was asked on
     * @param tokenUrl  where they say the token endpoint is; empty: the realm's own
     */
    @ConfigurationProperties("lgsp.portal")
    record Settings(String publicUrl, String tokenUrl) {
    }

    private final String publicUrl;
    private final String tokenUrl;

    PublicAddresses(Settings settings, KeycloakRealm keycloak) {
        this.publicUrl = strip(settings.publicUrl());
        this.tokenUrl = !strip(settings.tokenUrl()).isEmpty() ? strip(settings.tokenUrl())
                : strip(keycloak.url()) + "/realms/" + keycloak.realm() + "/protocol/openid-connect/token";
    }

    public String baseUrl(HttpServletRequest request) {
        return !publicUrl.isEmpty() ? publicUrl
                : ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    private static String strip(String url) {
        return url == null ? "" : url.strip().replaceAll("/+$", "");
    }
}
