package vn.hanoi.lgsp.gateway;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.GrantChanged;
import vn.hanoi.lgsp.catalog.NdxpOfferChanged;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.catalog.VersionRelocated;
import vn.hanoi.lgsp.catalog.VersionStatusChanged;

/**
 * Routes and grants as the gateway sees them, cached per version and per grant. A change made
 * on this node (a grant revoked, a version retired, a policy edited) clears the cache at once;
 * other nodes see it within {@code lgsp.gateway.policy-cache-ttl}.
 */
@Component
class RouteTable {

    record GrantKey(String consumer, String service, String version, AccessGrant.Environment environment) {
    }

    /** What a call needs of a grant: that there is one, and its quota. */
    record Grant(long id, Integer quota) {
    }

    private record VersionKey(String service, String version) {
    }

    private final ServiceCatalog catalog;
    private final AccessGrants grants;
    private final GatewayPolicies policies;
    private final LoadingCache<VersionKey, Optional<Route>> routes;
    private final LoadingCache<GrantKey, Optional<Grant>> activeGrants;

    RouteTable(ServiceCatalog catalog, AccessGrants grants, GatewayPolicies policies, GatewaySettings settings) {
        this.catalog = catalog;
        this.grants = grants;
        this.policies = policies;
        this.routes = Caffeine.newBuilder().expireAfterWrite(settings.policyCacheTtl()).maximumSize(10_000)
                .build(key -> load(key.service(), key.version()));
        this.activeGrants = Caffeine.newBuilder().expireAfterWrite(settings.policyCacheTtl()).maximumSize(100_000)
                .build(key -> grants.activeGrant(key.consumer(), key.service(), key.version(), key.environment())
                        .map(g -> new Grant(g.id(), g.quota())));
    }

    Optional<Route> route(String service, String version) {
        return routes.get(new VersionKey(service, version));
    }

    Optional<Grant> grant(String consumer, String service, String version, AccessGrant.Environment environment) {
        return activeGrants.get(new GrantKey(consumer, service, version, environment));
    }

    // after the change commits: a call between the event and the commit would cache the old state again
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onVersionStatusChanged(VersionStatusChanged change) {
        forget();
    }

    // after the change commits: a call between the event and the commit would cache the old state again
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onVersionRelocated(VersionRelocated change) {
        forget();
    }

    // after the change commits: a call between the event and the commit would cache the old state again
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onNdxpOfferChanged(NdxpOfferChanged change) {
        forget();
    }

    // after the change commits: a call between the event and the commit would cache the old state again
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onPolicyChanged(GatewayPolicies.PolicyChanged change) {
        forget();
    }

    // after the change commits: a call between the event and the commit would cache the old state again
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onGrantChanged(GrantChanged change) {
        activeGrants.invalidateAll();
    }

    void forget() {
        routes.invalidateAll();
        activeGrants.invalidateAll();
    }

    private Optional<Route> load(String service, String version) {
        Optional<SharedService> found = catalog.find(service);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SharedService s = found.get();
        return s.version(version).map(v -> new Route(s.code(), v.version(), s.provider(), s.classification(), v.status(),
                v.baseUrl(), v.deprecatedAt(), v.sunsetAt(), successor(s, v), policies.find(service, version)
                .orElse(GatewayPolicy.DEFAULT), contract(service, v), v.offeredToNdxp()));
    }

    private OpenApiContract contract(String service, ServiceVersion version) {
        if (!version.hasOpenApi()) {
            return OpenApiContract.NONE;
        }
        return catalog.openApi(service, version.version()).map(d -> OpenApiContract.of(d.content()))
                .orElse(OpenApiContract.NONE);
    }

    /** The published version, else the newest one still live that came after this one. */
    private static String successor(SharedService service, ServiceVersion version) {
        Optional<ServiceVersion> published = service.versions().stream()
                .filter(v -> v.status() == VersionStatus.PUBLISHED && !v.version().equals(version.version()))
                .findFirst();
        if (published.isPresent()) {
            return published.get().version();
        }
        return service.versions().stream()
                .filter(v -> v.createdAt().isAfter(version.createdAt()) && v.status() != VersionStatus.RETIRED
                        && v.status() != VersionStatus.DRAFT)
                .max(Comparator.comparing(ServiceVersion::createdAt))
                .map(ServiceVersion::version).orElse(null);
    }
}
