package vn.hanoi.lgsp.platform;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * Where the staff and agency-systems realm is, as every process of the platform needs it: a
 * workers or simulators process takes its tokens there without any of the identity module's
 * beans. The engine binds the same keys, and the rest of {@code lgsp.keycloak}, in its
 * {@code identity.KeycloakSettings}; one default for both is checked by a test.
 *
 * @param url   Keycloak's base URL, without {@code /realms/...}
 * @param realm the LGSP realm
 */
@ConfigurationProperties("lgsp.keycloak")
@Validated
public record KeycloakRealm(String url, @DefaultValue("lgsp") @NotBlank String realm) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    /** The realm's issuer, {@code <url>/realms/<realm>}. */
    public String issuer() {
        return url.replaceAll("/+$", "") + "/realms/" + realm;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The same record before the context's beans exist. */
    public static KeycloakRealm of(Environment environment) {
        return Binder.get(environment).bindOrCreate("lgsp.keycloak", KeycloakRealm.class);
    }
}
