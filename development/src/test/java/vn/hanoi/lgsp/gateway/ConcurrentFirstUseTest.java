package vn.hanoi.lgsp.gateway;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.simulators.KeycloakTokenVerifier;
import vn.hanoi.lgsp.simulators.ServiceProviderSimulator;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.PlatformNode;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-25 under concurrency: a new client's first calls, 32 at once, spread over two engine nodes
 * on one PostgreSQL, are each answered 200 or 429 — never a 5xx — on the agency API (its rate
 * limit) and through the gateway (its quotas), and a small quota is kept exactly by both nodes
 * together.
 */
class ConcurrentFirstUseTest extends PlatformTest {

    static final String WARD = "000.00.61.H26";
    static final String JUSTICE = "000.00.13.H26";
    static final int THREADS = 32;

    static PlatformNode second;

    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    KeycloakAdmin keycloakAdmin;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    AccessGrants grants;

    List<Api> nodes;

    @BeforeEach
    void twoNodes() {
        if (second == null) {
            second = PlatformNode.like(environment, "second-for-limits", Map.of("lgsp.roles", "engine"))
                    .start(Duration.ofMinutes(3));
        }
        nodes = List.of(new Api(baseUrl()), new Api(second.baseUrl()));
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.stop();
            second = null;
        }
    }

    @Test
    void aNewClientsFirstCallsOnBothNodesAtOnceAreNever5xx() throws Exception {
        String token = newClientToken();
        try (ServiceProviderSimulator provider = provider()) {
            String service = newService(provider);
            grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test");

            Map<Integer, AtomicInteger> api = burst(i -> nodes.get(i % 2).get("/api/v1/categories", token).status());
            Map<Integer, AtomicInteger> gateway = burst(i -> nodes.get(i % 2).call("GET",
                    "/api/v1/gateway/" + service + "/v1/echo/" + i, token, Map.of(), null).status());

            assertThat(api).as("agency API answers by status").containsOnlyKeys(200);
            assertThat(gateway).as("gateway answers by status").containsOnlyKeys(200);
            assertThat(provider.calls("/echo")).isEqualTo(THREADS);
        }
    }

    @Test
    void aSmallQuotaIsKeptExactlyByBothNodesTogether() throws Exception {
        String token = newClientToken();
        try (ServiceProviderSimulator provider = provider()) {
            String service = newService(provider);
            grants.grant(WARD, service, "v1", AccessGrant.Environment.PRODUCTION, "test", 5);
            // the test configuration's quota window is 2 s: start just after one begins
            while (System.currentTimeMillis() % 2000 > 50) {
                Thread.sleep(5);
            }
            long started = System.currentTimeMillis();
            Map<Integer, AtomicInteger> answers = burst(i -> nodes.get(i % 2).call("GET",
                    "/api/v1/gateway/" + service + "/v1/echo/" + i, token, Map.of(), null).status());
            long ended = System.currentTimeMillis();

            assertThat(answers).as("answers by status").containsOnlyKeys(200, 429);
            long windows = ended / 2000 - started / 2000 + 1;
            if (windows == 1) {
                assertThat(answers.get(200).get()).isEqualTo(5);
            } else {
                assertThat(answers.get(200).get()).as("calls let through in " + windows + " windows")
                        .isBetween(5, (int) (5 * windows));
            }
            assertThat(provider.calls("/echo")).isEqualTo(answers.get(200).get());
        }
    }

    /** Sends THREADS calls at once and counts the answers by status. */
    private Map<Integer, AtomicInteger> burst(IntFunction<Integer> call) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                calls.add(pool.submit(() -> {
                    start.await();
                    statuses.computeIfAbsent(call.apply(n), s -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return statuses;
    }

    private String newClientToken() {
        KeycloakAdmin.AgencyCredentials credentials = keycloakAdmin.provisionAgencyClient(
                "first-use-" + UUID.randomUUID().toString().substring(0, 8), "Thử dùng lần đầu", WARD, "production");
        return keycloak.clientToken(credentials.clientId(), credentials.clientSecret());
    }

    private ServiceProviderSimulator provider() {
        ServiceProviderSimulator provider = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                new KeycloakTokenVerifier(keycloakUrl + "/realms/lgsp", JUSTICE), THREADS));
        provider.start();
        return provider;
    }

    private String newService(ServiceProviderSimulator provider) {
        String code = "gw-lan-dau-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Dịch vụ thử dùng lần đầu " + code, null, JUSTICE,
                DataClassification.PUBLIC, "v1", provider.baseUrl(), null, null, null, null));
    }
}
