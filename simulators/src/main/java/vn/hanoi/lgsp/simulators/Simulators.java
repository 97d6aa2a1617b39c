package vn.hanoi.lgsp.simulators;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.agency.AgencySystem;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.gateway.GatewayPolicies;

/**
 * The running simulators of this process: NDXP, VDXP, and the systems of the demo agencies,
 * registered as those agencies' connected systems. Started once the platform's own web
 * server is up, because they call it back.
 */
public class Simulators implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulators.class);

    /** Demo agency systems: agency code → Keycloak client id and secret of the realm file. */
    static final Map<String, String[]> DEMO_AGENCIES = Map.of(
            "000.00.12.H26", new String[] {"sokhcn-system", "Sokhcn#Demo2025"},
            "000.00.13.H26", new String[] {"sotuphap-system", "Sotuphap#Demo2025"},
            "000.00.61.H26", new String[] {"phuonghoankiem-system", "Hoankiem#Demo2025"});
    static final String NDXP_CONSUMER_KEY = "lgsp-hanoi";
    static final String NDXP_CONSUMER_SECRET = "Ndxp-Consumer#2025";
    static final String VDXP_CONSUMER_KEY = "lgsp-hanoi";
    static final String VDXP_CONSUMER_SECRET = "Vdxp-Consumer#2025";
    private static final String[] NDXP_CALLBACK_CLIENT = {"ndxp-national", "Ndxp#Demo2025"};
    /** The demo data-sharing service the Department of Justice publishes through the gateway. */
    static final String JUSTICE = "000.00.13.H26";
    static final String CIVIL_STATUS_SERVICE = "hotich-tra-cuu";
    private static final int PROVIDER_THREADS = 64;

    private final SimulatorSettings settings;
    private final AgencySystems systems;
    private final ServiceCatalog catalog;
    private final GatewayPolicies policies;
    private final String issuer;
    private NdxpSimulator ndxp;
    private VdxpSimulator vdxp;
    private ServiceProviderSimulator civilStatus;
    private final Map<String, AgencySystemSimulator> agencies = new LinkedHashMap<>();

    Simulators(SimulatorSettings settings, AgencySystems systems, ServiceCatalog catalog, GatewayPolicies policies,
               String issuer) {
        this.settings = settings;
        this.systems = systems;
        this.catalog = catalog;
        this.policies = policies;
        this.issuer = issuer;
    }

    synchronized void start(String lgspBaseUrl) {
        if (ndxp != null) {
            return;
        }
        String tokenUrl = issuer + "/protocol/openid-connect/token";
        Duration delay = settings.resultDelay();
        ndxp = new NdxpSimulator(new NdxpSimulator.Config(0, NDXP_CONSUMER_KEY, NDXP_CONSUMER_SECRET,
                lgspBaseUrl + "/api/v1/national/ndxp/callbacks",
                new ClientCredentialsToken(tokenUrl, NDXP_CALLBACK_CLIENT[0], NDXP_CALLBACK_CLIENT[1]), delay));
        ndxp.start();
        vdxp = new VdxpSimulator(new VdxpSimulator.Config(0, VDXP_CONSUMER_KEY, VDXP_CONSUMER_SECRET));
        vdxp.start();
        DEMO_AGENCIES.forEach((code, client) -> {
            // as a real agency system should: only tokens the LGSP fetched for this agency (audience = its code)
            AgencySystemSimulator system = new AgencySystemSimulator(new AgencySystemSimulator.Config(code, 0,
                    new KeycloakTokenVerifier(issuer, code),
                    lgspBaseUrl, new ClientCredentialsToken(tokenUrl, client[0], client[1]), delay));
            system.start();
            agencies.put(code, system);
            systems.register(new AgencySystem(code, system.baseUrl(), true, null, false, true, 60));
        });
        startCivilStatusProvider();
        log.info("Simulators up: NDXP {}, VDXP {}, agency systems {}", ndxp.baseUrl(), vdxp.baseUrl(), agencies.keySet());
    }

    /**
     * The Department of Justice's civil-status API behind the gateway: it accepts only tokens
     * the LGSP fetched for it (audience = its agency code). Where the demo catalog has the
     * service, its production and test upstreams point here.
     */
    private void startCivilStatusProvider() {
        civilStatus = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                // the demo has one system for both environments: it takes production and test tokens
                new KeycloakTokenVerifier(issuer, java.util.Set.of(JUSTICE, JUSTICE + "-test")), PROVIDER_THREADS));
        civilStatus.start();
        if (catalog.find(CIVIL_STATUS_SERVICE).flatMap(s -> s.version("v1")).isEmpty()) {
            return;
        }
        catalog.changeBaseUrl(CIVIL_STATUS_SERVICE, "v1", civilStatus.baseUrl(), "simulators");
        policies.save(CIVIL_STATUS_SERVICE, "v1", new GatewayPolicies.PolicyInput("DIRECT", null,
                civilStatus.baseUrl(), true, null, null, "query:soDinhDanh", null), "simulators");
    }

    /** The Department of Justice's data-sharing API (the demo service {@code hotich-tra-cuu}). */
    public ServiceProviderSimulator civilStatusProvider() {
        return civilStatus;
    }

    public NdxpSimulator ndxp() {
        return ndxp;
    }

    public VdxpSimulator vdxp() {
        return vdxp;
    }

    /** The simulated system of a demo agency. */
    public Optional<AgencySystemSimulator> agency(String agencyCode) {
        return Optional.ofNullable(agencies.get(agencyCode));
    }

    boolean started() {
        return ndxp != null;
    }

    @Override
    public synchronized void close() {
        agencies.values().forEach(SimulatedServer::close);
        if (civilStatus != null) {
            civilStatus.close();
        }
        if (vdxp != null) {
            vdxp.close();
        }
        if (ndxp != null) {
            ndxp.close();
        }
    }
}
