package vn.hanoi.lgsp.simulators;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;

/**
 * A JWKS fetched on first use and kept; fetched again when a token names a key it does not
 * hold (Keycloak rotated its keys), but not more often than the given interval.
 */
final class RemoteJwks implements JWKSource<SecurityContext> {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI uri;
    private final long minRefetchNanos;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private volatile JWKSet cached;
    private volatile long fetchedAtNanos;

    RemoteJwks(URI uri, Duration minRefetchInterval) {
        this.uri = uri;
        this.minRefetchNanos = minRefetchInterval.toNanos();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet keys = cached;
        if (keys == null) {
            keys = refresh(null);
        }
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && System.nanoTime() - fetchedAtNanos >= minRefetchNanos) {
            found = selector.select(refresh(keys));
        }
        return found;
    }

    private synchronized JWKSet refresh(JWKSet seen) throws KeySourceException {
        JWKSet current = cached;
        if (current != null && current != seen) {
            return current;
        }
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new KeySourceException("JWKS " + uri + " answered HTTP " + response.statusCode());
            }
            JWKSet fetched = JWKSet.parse(response.body());
            cached = fetched;
            fetchedAtNanos = System.nanoTime();
            return fetched;
        } catch (IOException | ParseException e) {
            throw new KeySourceException("Cannot fetch JWKS " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("Interrupted fetching JWKS " + uri, e);
        }
    }
}
