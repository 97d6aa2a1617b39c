package vn.hanoi.lgsp.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.identity.KeycloakSettings;
import vn.hanoi.lgsp.http.OutboundTokens;
import vn.hanoi.lgsp.platform.NationalPlatformSettings;

/**
 * Where a call goes and as whom: the provider's own system with a token meant for that provider
 * alone, or a national service through NDXP with the LGSP's NDXP credentials and X-Road
 * addressing; one circuit breaker per upstream.
 */
final class Upstreams {

    /** One resolved upstream call: the URL, the breaker guarding it, the outbound identity, extra headers. */
    record Target(URI uri, String breakerKey, String tokenClient, Map<String, String> headers) {
    }

    /** The environment has no upstream for this version. */
    static final class NoUpstream extends RuntimeException {
        NoUpstream(String message) {
            super(message);
        }
    }

    static final String NDXP_CLIENT = "ndxp";
    static final String TEST_SUFFIX = "-test";
    private static final String PROVIDER_SCOPE_PREFIX = "lgsp-provider-";

    private final HttpClient http;
    private final CircuitBreakerRegistry breakers;
    private final OutboundTokens tokens;
    private final KeycloakAdmin keycloak;
    private final KeycloakSettings keycloakSettings;
    private final GatewaySettings settings;
    private final java.util.function.Supplier<NationalPlatformSettings.Endpoint> ndxp;
    private final String xroadClient;
    private final Map<String, Boolean> audiencesReady = new ConcurrentHashMap<>();

    Upstreams(GatewaySettings settings, OutboundTokens tokens, KeycloakAdmin keycloak, KeycloakSettings keycloakSettings,
              java.util.function.Supplier<NationalPlatformSettings.Endpoint> ndxp, String xroadClient) {
        this.settings = settings;
        this.tokens = tokens;
        this.keycloak = keycloak;
        this.keycloakSettings = keycloakSettings;
        this.ndxp = ndxp;
        this.xroadClient = xroadClient;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                // a redirect would take the call, and the LGSP's token, somewhere nobody approved
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        GatewaySettings.CircuitBreaker b = settings.circuitBreaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRateThreshold())
                .slidingWindowSize(b.slidingWindow())
                .minimumNumberOfCalls(b.minimumCalls())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(b.trialCalls())
                .build());
    }

    HttpClient http() {
        return http;
    }

    CircuitBreaker breaker(Target target) {
        return breakers.circuitBreaker(target.breakerKey());
    }

    /**
     * The upstream of a call: TEST credentials reach the version's test upstream, PRODUCTION
     * credentials its production one.
     */
    Target resolve(Route route, AccessGrant.Environment environment, String rawRemainder, String rawQuery) {
        GatewayPolicy policy = route.policy();
        String query = rawQuery == null ? "" : "?" + rawQuery;
        if (environment == AccessGrant.Environment.TEST) {
            if (policy.testBaseUrl() == null) {
                throw new NoUpstream("Version " + route.version() + " of " + route.service()
                        + " has no test environment registered");
            }
            return direct(route, policy.testBaseUrl(), rawRemainder, query, TEST_SUFFIX);
        }
        if (policy.upstream() == GatewayPolicy.Upstream.NDXP) {
            NationalPlatformSettings.Endpoint gateway = ndxp.get();
            if (gateway == null || !gateway.configured()) {
                throw new NoUpstream("NDXP is not configured on this platform (lgsp.national.ndxp.url)");
            }
            registerNdxp(gateway);
            // the catalog names the national service's URL on NDXP; only its path is used, on the NDXP configured here
            String base = strip(gateway.url()) + ensureLeadingSlash(URI.create(route.productionUrl()).getRawPath());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Road-Client", xroadClient);
            headers.put("X-Road-Service", policy.xroadService());
            return new Target(URI.create(base + rawRemainder + query), "ndxp:" + policy.xroadService(), NDXP_CLIENT,
                    headers);
        }
        return direct(route, route.productionUrl(), rawRemainder, query, "");
    }

    /** The bearer token of the target's outbound identity. */
    String token(Target target) {
        if (target.tokenClient().startsWith("provider:")) {
            String audience = target.tokenClient().substring("provider:".length());
            String scope = PROVIDER_SCOPE_PREFIX + audience;
            // made once per audience; a concurrent first call waits for the same scope instead of racing it
            audiencesReady.computeIfAbsent(audience, a -> {
                keycloak.ensureAudienceScope(settings.clientId(), scope, a);
                return Boolean.TRUE;
            });
            tokens.register(target.tokenClient(), new OutboundTokens.Client(keycloakSettings.tokenEndpoint(),
                    settings.clientId(), settings.clientSecret(), OutboundTokens.CredentialStyle.FORM, Set.of(scope)));
        }
        return tokens.token(target.tokenClient());
    }

    void refused(Target target) {
        tokens.invalidate(target.tokenClient());
    }

    /**
     * A provider's test system gets a token of its own (audience {@code <agency code>-test}): one
     * captured there is worthless against the provider's production system.
     */
    private Target direct(Route route, String base, String rawRemainder, String query, String environment) {
        URI uri = URI.create(strip(base) + rawRemainder + query);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return new Target(uri, origin + environment, "provider:" + route.provider() + environment, Map.of());
    }

    private void registerNdxp(NationalPlatformSettings.Endpoint gateway) {
        tokens.register(NDXP_CLIENT, new OutboundTokens.Client(strip(gateway.url()) + "/token", gateway.consumerKey(),
                gateway.consumerSecret(), OutboundTokens.CredentialStyle.BASIC, null));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String ensureLeadingSlash(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        return path.startsWith("/") ? path : "/" + path;
    }
}
