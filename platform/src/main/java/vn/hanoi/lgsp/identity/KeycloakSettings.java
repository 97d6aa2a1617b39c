package vn.hanoi.lgsp.identity;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
public record KeycloakSettings(
        String url,
        @DefaultValue("lgsp") @NotBlank String realm,
        @DefaultValue("lgsp-platform") @NotBlank String platformClientId,
        String platformClientSecret,
        @DefaultValue("lgsp-api") @NotBlank String apiAudience,
        @DefaultValue("30s") @DurationMin(seconds = 0) Duration tokenClockSkew) {

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
