package vn.hanoi.lgsp.identity;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.workers.WorkerSettings;

/**
 * What the LGSP pushes to an agency's system carries a token whose audience is that agency
 * alone: one Keycloak client scope per agency ({@code lgsp-agency-<code>}) on the LGSP's
 * outbound client, made the first time the agency is reached. A recipient can then neither
 * replay the token at another agency nor at the platform.
 */
@Component
public class PushAudiences {

    private final KeycloakAdmin keycloak;
    private final String outboundClientId;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    PushAudiences(KeycloakAdmin keycloak, WorkerSettings workers) {
        this.keycloak = keycloak;
        this.outboundClientId = workers.outboundClientId();
    }

    public static String scopeOf(String agencyCode) {
        return "lgsp-agency-" + agencyCode;
    }

    public String scopeFor(String agencyCode) {
        String scope = scopeOf(agencyCode);
        if (!ensured.contains(agencyCode)) {
            keycloak.ensureAudienceScope(outboundClientId, scope, agencyCode);
            ensured.add(agencyCode);
        }
        return scope;
    }
}
