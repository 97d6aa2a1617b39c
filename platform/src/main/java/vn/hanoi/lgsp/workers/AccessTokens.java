package vn.hanoi.lgsp.workers;

import java.io.IOException;
import vn.hanoi.lgsp.http.OutboundTokens;

/**
 * One of the workers' outbound identities (towards the platform, agency systems, NDXP, VDXP),
 * served by the platform's one token mechanism: cached, renewed before expiry.
 */
final class AccessTokens {

    private final OutboundTokens tokens;
    private final String name;

    AccessTokens(OutboundTokens tokens, String name, OutboundTokens.Client client) {
        this.tokens = tokens;
        this.name = name;
        tokens.register(name, client);
    }

    String get() throws IOException {
        try {
            return tokens.token(name);
        } catch (RuntimeException e) {
            throw new IOException("no " + name + " token: " + e.getMessage(), e);
        }
    }

    /** After a 401: the token was revoked or the peer restarted. */
    void invalidate() {
        tokens.invalidate(name);
    }
}
