package vn.hanoi.lgsp.support;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.hanoi.lgsp.simulators.Simulators;

/**
 * Base of the integration tests: the whole platform on a random port, against the real
 * servers the dev services start once for the test JVM. Every subclass shares one context.
 * Metrics are exported as in production (Spring Boot's tests would switch them off).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
public abstract class PlatformTest {

    @LocalServerPort
    protected int port;

    @Autowired
    private ObjectProvider<Simulators> simulators;

    @Value("${lgsp.keycloak.url}")
    protected String keycloakUrl;

    /** The platform's API and Keycloak as an agency system or a staff member reaches them. */
    protected Api api;
    protected Keycloak keycloak;

    @BeforeEach
    void connectClients() {
        api = new Api(baseUrl());
        keycloak = new Keycloak(keycloakUrl);
    }

    /** The simulated systems connect through the public API once the platform is ready: tests wait for it. */
    @BeforeEach
    void simulatedSystemsConnected() {
        simulators.ifAvailable(s -> s.awaitConnected(Duration.ofSeconds(90)));
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
