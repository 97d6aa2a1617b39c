package vn.hanoi.lgsp.documentation;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where documents handed to agencies (Postman collections, the connection guide) say the LGSP
 * and its token endpoint are: {@code lgsp.portal.public-url} and {@code lgsp.portal.token-url}
 * in production, behind the city's proxy; in development the address the page was asked on
 * and the Keycloak realm the platform uses.
 */
@Component
public class PublicAddresses {

    private final String publicUrl;
    private final String tokenUrl;

    PublicAddresses(@Value("${lgsp.portal.public-url:}") String publicUrl,
                    @Value("${lgsp.portal.token-url:}") String tokenUrl,
                    @Value("${lgsp.keycloak.url:}") String keycloakUrl,
                    @Value("${lgsp.keycloak.realm:lgsp}") String realm) {
        this.publicUrl = strip(publicUrl);
        this.tokenUrl = !strip(tokenUrl).isEmpty() ? strip(tokenUrl)
                : strip(keycloakUrl) + "/realms/" + realm + "/protocol/openid-connect/token";
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
