package vn.hanoi.lgsp.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Keycloak's tokens are self-contained: deleting a client does not stop the tokens it already
 * holds until they expire (minutes). The platform records each revocation and refuses tokens
 * issued before it; every node re-reads the list at most {@link #REFRESH} after a change.
 */
@Component
class RevokedClients implements OAuth2TokenValidator<Jwt> {

    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token",
            "the credentials of this client were revoked", null);

    private final JdbcTemplate jdbc;
    private volatile Map<String, Instant> revoked = Map.of();
    private volatile long readAt;

    RevokedClients(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the client's credentials are revoked from now on. */
    void revoke(String clientId) {
        jdbc.update("""
                insert into lgsp.revoked_client (client_id, revoked_at) values (?, now())
                on conflict (client_id) do update set revoked_at = now()""", clientId);
        readAt = 0;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String client = jwt.getClaimAsString(AgencyCallerConverter.CLIENT_ID);
        Instant issued = jwt.getIssuedAt();
        Instant since = client == null ? null : current().get(client);
        if (since != null && (issued == null || !issued.isAfter(since))) {
            return OAuth2TokenValidatorResult.failure(REVOKED);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private Map<String, Instant> current() {
        long now = System.nanoTime();
        if (now - readAt > REFRESH.toNanos()) {
            Map<String, Instant> fresh = new HashMap<>();
            jdbc.query("select client_id, revoked_at from lgsp.revoked_client",
                    rs -> {
                        fresh.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    });
            revoked = Map.copyOf(fresh);
            readAt = now;
        }
        return revoked;
    }
}
