package vn.hanoi.lgsp.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/** How bearer tokens from Keycloak are checked and turned into callers. */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    JwtDecoder jwtDecoder(KeycloakSettings keycloak, RevokedClients revoked) {
        // resolved on first use, so the platform starts even while Keycloak is still coming up
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(keycloak.tokenClockSkew()),
                new JwtIssuerValidator(keycloak.issuer()),
                audience(keycloak.apiAudience()),
                // checked on every use, cached tokens included: a revoked client stops within seconds
                revoked);
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(keycloak.issuer()).build();
            decoder.setJwtValidator(validator);
            return new VerifiedTokenCache(decoder, validator);
        });
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error missing = new OAuth2Error("invalid_token", "the token is not meant for the LGSP API (audience "
                + audience + " missing)", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(missing);
    }

    /** The one converter of every token chain: the caller as principal, realm roles as authorities. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter() {
        return new AgencyCallerConverter();
    }
}
