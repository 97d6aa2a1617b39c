package vn.hanoi.lgsp.identity;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Systems reuse one token for minutes, and checking its RS256 signature is the dearest part
 * of every call: a token whose signature was verified once is remembered until it expires.
 * Expiry and the other claims are still checked on every use.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private static final int MAX_TOKENS = 10_000;

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.get(token);
        if (cached == null) {
            Jwt jwt = decoder.decode(token);
            remember(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(cached);
        if (result.hasErrors()) {
            verified.remove(token);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return cached;
    }

    private void remember(String token, Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return;
        }
        if (verified.size() >= MAX_TOKENS) {
            Instant now = Instant.now();
            verified.values().removeIf(j -> j.getExpiresAt().isBefore(now));
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
    }
}
