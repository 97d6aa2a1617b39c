package vn.hanoi.lgsp.identity;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The citizens' realm (citizens and businesses; R-08, Đ6.1.3.d): its own Keycloak realm, apart
 * from staff and agency systems, brokering to VNeID of VDXP. City applications sign their users
 * in through the same realm.
 *
 * @param realm             the realm's name
 * @param clientId          the portal's client in that realm
 * @param adminClientId     the platform's service account there, which may manage identity providers only
 * @param vneid             VDXP's OpenID Connect provider as VDXP registered the city; no issuer: not brokered
 */
@ConfigurationProperties("lgsp.citizens")
@Validated
public record CitizensSettings(
        @DefaultValue("congdan") @NotBlank String realm,
        @DefaultValue("lgsp-portal") @NotBlank String clientId,
        String clientSecret,
        @DefaultValue("lgsp-platform") @NotBlank String adminClientId,
        String adminClientSecret,
        @DefaultValue Vneid vneid) {

    /**
     * VNeID's endpoints: given one by one, or under {@code issuer} at the paths VDXP publishes
     * in its discovery document ({@code /oidc/authorize}, {@code /oidc/token}, …).
     */
    public record Vneid(String issuer, String authorizationUrl, String tokenUrl, String userinfoUrl, String jwksUrl,
                        String clientId, String clientSecret) {

        boolean configured() {
            return issuer != null && !issuer.isBlank();
        }

        String endpoint(String given, String path) {
            return given != null && !given.isBlank() ? given : issuer.replaceAll("/+$", "") + path;
        }
    }
}
