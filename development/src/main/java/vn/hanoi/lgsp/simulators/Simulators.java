package vn.hanoi.lgsp.simulators;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.workercontract.PostalProcess;

/**
 * The running simulators of this process: NDXP, VDXP, VNPost (behind NDXP), the systems of the
 * demo agencies and the Department of Justice's data-sharing API. They are peers of the LGSP:
 * the platform reaches them at the addresses its settings name ({@link #nationalEndpointSettings()}), and
 * they are connected to it through its public API ({@link PeerSetup}), as real systems are.
 */
public class Simulators implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulators.class);

    /** Demo agency systems: agency code → Keycloak client id and secret of the realm file. */
    static final Map<String, String[]> DEMO_AGENCIES = Map.of(
            "000.00.12.H26", new String[] {"sokhcn-system", "Sokhcn#Demo2025"},
            "000.00.13.H26", new String[] {"sotuphap-system", "Sotuphap#Demo2025"},
            "000.00.61.H26", new String[] {"phuonghoankiem-system", "Hoankiem#Demo2025"});
    public static final String NDXP_CONSUMER_KEY = "lgsp-hanoi";
    public static final String NDXP_CONSUMER_SECRET = "Ndxp-Consumer#2025";
    public static final String VDXP_CONSUMER_KEY = "lgsp-hanoi";
    public static final String VDXP_CONSUMER_SECRET = "Vdxp-Consumer#2025";
    /** The relying party VDXP knows for citizens' sign-in: Keycloak brokering for the citizens' realm. */
    public static final String VNEID_CLIENT_ID = "lgsp-hanoi-congdan";
    static final String CITIZENS_REALM = "congdan";
    public static final String VNEID_CLIENT_SECRET = "Vneid-Client#2025";
    private static final String[] NDXP_CALLBACK_CLIENT = {"ndxp-national", "Ndxp#Demo2025"};
    /** What NDXP holds at VNPost to relay the LGSP's calls: the LGSP itself has no VNPost account. */
    public static final String VNPOST_CONSUMER_KEY = "ndxp-relay";
    public static final String VNPOST_CONSUMER_SECRET = "Vnpost-Relay#2025";
    /** The demo data-sharing service the Department of Justice publishes through the gateway. */
    static final String JUSTICE = "000.00.13.H26";
    static final String CIVIL_STATUS_SERVICE = "hotich-tra-cuu";
    private static final int PROVIDER_THREADS = 64;

    private final SimulatorSettings settings;
    private final String issuer;
    private final Supplier<String> lgspBaseUrl;
    private NdxpSimulator ndxp;
    private VnpostSimulator vnpost;
    private VdxpSimulator vdxp;
    private ServiceProviderSimulator civilStatus;
    private final Map<String, AgencySystemSimulator> agencies = new LinkedHashMap<>();
    private volatile Thread connecting;
    private volatile RuntimeException connectFailure;

    /**
     * @param lgspBaseUrl the LGSP the simulated systems call back, read on every call: in one JVM
     *                    with the platform it is known only once the platform's web server is up
     */
    Simulators(SimulatorSettings settings, String issuer, Supplier<String> lgspBaseUrl) {
        this.settings = settings;
        this.issuer = issuer;
        this.lgspBaseUrl = lgspBaseUrl;
    }

    /** Starts every simulated server on a free port; nothing is sent to the LGSP yet. */
    synchronized void start() {
        if (ndxp != null) {
            return;
        }
        try {
            startServers();
        } catch (RuntimeException e) {
            // none of those already up may outlive the failed start
            close();
            throw e;
        }
    }

    private void startServers() {
        String tokenUrl = issuer + "/protocol/openid-connect/token";
        Duration delay = settings.resultDelay();
        ClientCredentialsToken ndxpCallbacks =
                new ClientCredentialsToken(tokenUrl, NDXP_CALLBACK_CLIENT[0], NDXP_CALLBACK_CLIENT[1]);
        // VNPost's messages reach the LGSP through NDXP, so they carry NDXP's credential
        vnpost = new VnpostSimulator(new VnpostSimulator.Config(0, VNPOST_CONSUMER_KEY, VNPOST_CONSUMER_SECRET,
                settings.postalStepDelay(), ndxpCallbacks, () -> platformPath(PostalProcess.Ndxp.APPLICATIONS),
                () -> platformPath(PostalProcess.Ndxp.STATUS_CALLBACK)));
        vnpost.start();
        NdxpSimulator.VnpostLink vnpostLink =
                new NdxpSimulator.VnpostLink(vnpost.baseUrl(), VNPOST_CONSUMER_KEY, VNPOST_CONSUMER_SECRET);
        ndxp = new NdxpSimulator(new NdxpSimulator.Config(settings.ndxpPort(), NDXP_CONSUMER_KEY, NDXP_CONSUMER_SECRET,
                () -> platformPath("/api/v1/national/ndxp/callbacks"), ndxpCallbacks, delay, () -> vnpostLink));
        ndxp.start();
        // citizens come back to Keycloak's broker of the citizens' realm, and nowhere else
        String keycloak = issuer.substring(0, issuer.indexOf("/realms/"));
        vdxp = new VdxpSimulator(new VdxpSimulator.Config(settings.vdxpPort(), VDXP_CONSUMER_KEY, VDXP_CONSUMER_SECRET,
                new VdxpSimulator.CitizenSignIn(VNEID_CLIENT_ID, VNEID_CLIENT_SECRET,
                        keycloak + "/realms/" + CITIZENS_REALM + "/broker/vneid/endpoint")));
        vdxp.start();
        DEMO_AGENCIES.forEach((code, client) -> {
            // as a real agency system should: only tokens the LGSP fetched for this agency (audience = its code)
            AgencySystemSimulator system = new AgencySystemSimulator(new AgencySystemSimulator.Config(code, 0,
                    new KeycloakTokenVerifier(issuer, code), lgspBaseUrl,
                    new ClientCredentialsToken(tokenUrl, client[0], client[1]), delay));
            system.start();
            if (settings.inboxPoll() != null && !settings.inboxPoll().isZero()) {
                system.pollInbox(settings.inboxPoll());
            }
            agencies.put(code, system);
        });
        // the Department of Justice's civil-status API behind the gateway: only tokens the LGSP fetched
        // for it; the demo has one system for both environments, so it takes production and test tokens
        civilStatus = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                new KeycloakTokenVerifier(issuer, Set.of(JUSTICE, JUSTICE + "-test")), PROVIDER_THREADS));
        civilStatus.start();
        log.info("Simulators up: NDXP {} (VNPost behind it {}), VDXP {}, agency systems {}, civil-status API {}",
                ndxp.baseUrl(), vnpost.baseUrl(), vdxp.baseUrl(), agencies.keySet(), civilStatus.baseUrl());
    }

    /**
     * The settings under which the LGSP reaches these simulators as its national platforms, for
     * the platforms nothing else is configured for: {@code lgsp.national.ndxp.*} and
     * {@code lgsp.national.vdxp.*}.
     */
    Map<String, Object> nationalEndpointSettings(boolean ndxpConfigured, boolean vdxpConfigured) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!ndxpConfigured) {
            properties.put("lgsp.national.ndxp.url", ndxp.baseUrl());
            properties.put("lgsp.national.ndxp.consumer-key", NDXP_CONSUMER_KEY);
            properties.put("lgsp.national.ndxp.consumer-secret", NDXP_CONSUMER_SECRET);
        }
        if (!vdxpConfigured) {
            properties.put("lgsp.national.vdxp.url", vdxp.baseUrl());
            properties.put("lgsp.national.vdxp.consumer-key", VDXP_CONSUMER_KEY);
            properties.put("lgsp.national.vdxp.consumer-secret", VDXP_CONSUMER_SECRET);
            properties.put("lgsp.citizens.vneid.issuer", vdxp.baseUrl());
            properties.put("lgsp.citizens.vneid.client-id", VNEID_CLIENT_ID);
            properties.put("lgsp.citizens.vneid.client-secret", VNEID_CLIENT_SECRET);
        }
        return properties;
    }

    /**
     * Connects the simulated systems to the LGSP through its public API, in the background
     * (the approvals need the engine's job executor, which starts once the platform is ready),
     * then sends the demo records.
     */
    synchronized void connect() {
        if (connecting != null) {
            return;
        }
        String tokenUrl = issuer + "/protocol/openid-connect/token";
        connecting = new Thread(() -> {
            try {
                PeerSetup setup = new PeerSetup(lgspBaseUrl.get(), tokenUrl, settings.demoStaff());
                agencies.forEach((code, system) -> setup.registerSystem(code, system.baseUrl()));
                Map<String, Object> policy = new LinkedHashMap<>();
                policy.put("upstream", "DIRECT");
                policy.put("validateRequests", true);
                policy.put("subjectLocator", "query:soDinhDanh");
                setup.relocateService(CIVIL_STATUS_SERVICE, "v1", civilStatus.baseUrl(), policy);
                log.info("Simulated systems connected to the LGSP at {}", lgspBaseUrl.get());
                if (settings.demoExchanges()) {
                    new DemoTraffic(lgspBaseUrl.get(), tokenUrl).send();
                    // and the Government Office sends the ward a record through NDXP (its fixed message id: once)
                    try {
                        log.info("Demo record from the Government Office through NDXP: HTTP {}", ndxp.deliverToLgsp(
                                new NdxpSimulator.Inbound("VN:GOV:000.00.00.G22:edoc", "demo-vpcp-0001", "000.00.61.H26",
                                        "1.001193.000.00.00.H26", "Công văn của Văn phòng Chính phủ gửi UBND phường Hoàn Kiếm"
                                                + " qua NDXP (hồ sơ mẫu)")).status());
                    } catch (RuntimeException e) {
                        log.warn("Demo record through NDXP not sent: {}", e.toString());
                    }
                }
            } catch (RuntimeException e) {
                connectFailure = e;
                PeerSetup.logFailure("connecting the simulated systems", e);
            }
        }, "simulators-connect");
        connecting.setDaemon(true);
        connecting.start();
    }

    /**
     * Waits until the simulated systems are connected to the LGSP (registered and approved), for
     * tests that need them; fails with the reason when connecting failed.
     */
    public void awaitConnected(Duration timeout) {
        Thread thread = connecting;
        if (thread == null) {
            throw new IllegalStateException("the simulators were never connected to the LGSP");
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the simulators are still connecting after " + timeout);
        }
        if (connectFailure != null) {
            throw new IllegalStateException("the simulators could not connect to the LGSP", connectFailure);
        }
    }

    private String platformPath(String path) {
        String base = lgspBaseUrl.get();
        return base == null ? null : base.replaceAll("/+$", "") + path;
    }

    /** The Department of Justice's data-sharing API (the demo service {@code hotich-tra-cuu}). */
    public ServiceProviderSimulator civilStatusProvider() {
        return civilStatus;
    }

    public NdxpSimulator ndxp() {
        return ndxp;
    }

    /** VNPost's system, which the LGSP reaches only through NDXP. */
    public VnpostSimulator vnpost() {
        return vnpost;
    }

    public VdxpSimulator vdxp() {
        return vdxp;
    }

    /** The simulated system of a demo agency. */
    public Optional<AgencySystemSimulator> agency(String agencyCode) {
        return Optional.ofNullable(agencies.get(agencyCode));
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
        if (vnpost != null) {
            vnpost.close();
        }
    }
}
