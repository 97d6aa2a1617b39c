package vn.hanoi.lgsp.simulators;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an agency simulator accept LGSP's Keycloak access tokens the way a real agency system
 * would: RS256 signature checked against the realm's published keys, issuer and expiry
 * enforced. Any failure, including an unreachable Keycloak, means "not valid".
 */
public final class KeycloakTokenVerifier implements Predicate<String> {

    private static final Logger log = LoggerFactory.getLogger(KeycloakTokenVerifier.class);

    /** Tokens with made-up key ids must not turn every request into a JWKS download. */
    private static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(10);

    private static final int MAX_REMEMBERED = 10_000;

    private final String issuer;
    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    /** @param issuer the realm URL, e.g. {@code http://127.0.0.1:18080/realms/lgsp} */
    public KeycloakTokenVerifier(String issuer) {
        this(issuer, DEFAULT_REFETCH_INTERVAL);
    }

    /**
     * Accepts only tokens meant for {@code audience} (a provider's agency code): a token the LGSP
     * showed another system cannot be replayed here.
     */
    public KeycloakTokenVerifier(String issuer, String audience) {
        this(issuer, DEFAULT_REFETCH_INTERVAL, Set.of(Objects.requireNonNull(audience, "audience")));
    }

    /** Accepts tokens meant for any of {@code audiences} (a system serving production and test at once). */
    public KeycloakTokenVerifier(String issuer, Set<String> audiences) {
        this(issuer, DEFAULT_REFETCH_INTERVAL, Set.copyOf(audiences));
    }

    KeycloakTokenVerifier(String issuer, Duration minRefetchInterval) {
        this(issuer, minRefetchInterval, null);
    }

    private KeycloakTokenVerifier(String issuer, Duration minRefetchInterval, Set<String> audience) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        RemoteJwks keys = new RemoteJwks(URI.create(issuer + "/protocol/openid-connect/certs"), minRefetchInterval);
        DefaultJWTProcessor<SecurityContext> jwtProcessor = new DefaultJWTProcessor<>();
        jwtProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // a mutable set: the verifier asks it whether it contains null, which immutable sets refuse to answer
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience == null ? null : new java.util.HashSet<>(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), null);
        // Keycloak and the simulators share one clock here, so "in the future" can be taken literally.
        claims.setMaxClockSkew(0);
        jwtProcessor.setJWTClaimsSetVerifier(claims);
        this.processor = jwtProcessor;
    }

    public String issuer() {
        return issuer;
    }

    /**
     * A system reuses its token for minutes; like a real agency system, the simulator checks a
     * token's signature once and then only its expiry.
     */
    private void remember(String token, Instant expiry) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(token, expiry);
    }

    @Override
    public boolean test(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        String key = token.strip();
        Instant expiry = verified.get(key);
        if (expiry != null) {
            if (Instant.now().isBefore(expiry)) {
                return true;
            }
            verified.remove(key);
        }
        try {
            JWTClaimsSet claims = processor.process(key, null);
            remember(key, claims.getExpirationTime().toInstant());
            return true;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            log.debug("Token refused: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.debug("Token refused: {}", e.toString());
            return false;
        }
    }
}
