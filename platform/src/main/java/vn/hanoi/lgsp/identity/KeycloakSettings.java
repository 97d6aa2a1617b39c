package vn.hanoi.lgsp.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Keycloak realm that authenticates staff (OIDC) and agency systems (client credentials).
 *
 * @param url                  Keycloak's base URL, without {@code /realms/...}
 * @param realm                the LGSP realm
 * @param platformClientId     the platform's own confidential client: staff login and admin calls
 * @param apiAudience          audience every token for the agency API must carry
 * @param tokenClockSkew       tolerance for clock differences when checking token expiry
 */
@ConfigurationProperties("lgsp.keycloak")
public record KeycloakSettings(
        String url,
        @DefaultValue("lgsp") String realm,
        @DefaultValue("lgsp-platform") String platformClientId,
        String platformClientSecret,
        @DefaultValue("lgsp-api") String apiAudience,
        @DefaultValue("30s") Duration tokenClockSkew) {

    public String issuer() {
        return url + "/realms/" + realm;
    }

    public String adminUrl() {
        return url + "/admin/realms/" + realm;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }
}
