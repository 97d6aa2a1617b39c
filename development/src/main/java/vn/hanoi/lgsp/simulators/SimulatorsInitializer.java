package vn.hanoi.lgsp.simulators;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import vn.hanoi.lgsp.platform.KeycloakRealm;
import vn.hanoi.lgsp.platform.PlatformSettings;
import vn.hanoi.lgsp.platform.Role;

/**
 * The simulators role ({@code lgsp.roles} contains {@code simulators}; development and tests
 * only). The simulated servers start before any bean exists, and their addresses are added to
 * the environment as the national platforms' settings, with the lowest precedence: the
 * workers and the gateway read {@code lgsp.national.*} as they would in production, and a
 * platform that is configured keeps its real address. Once the LGSP is ready, the simulated
 * systems are connected to it through its public API.
 * <p>
 * Registered in {@code META-INF/spring.factories}; it depends on no bean of the platform.
 */
public class SimulatorsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PROPERTY_SOURCE = "lgsp-simulators";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!PlatformSettings.of(environment).runs(Role.SIMULATORS)
                || environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        SimulatorSettings settings = Binder.get(environment).bindOrCreate("lgsp.simulators", SimulatorSettings.class);
        KeycloakRealm keycloak = KeycloakRealm.of(environment);
        if (!keycloak.configured()) {
            throw new IllegalStateException("The simulators role needs lgsp.keycloak.url: the simulated systems "
                    + "take and check Keycloak tokens");
        }
        String issuer = keycloak.issuer();
        AtomicReference<String> lgsp = new AtomicReference<>(blankToNull(settings.platformUrl()));
        Simulators simulators = new Simulators(settings, issuer, lgsp::get);
        simulators.start();
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, simulators.nationalEndpointSettings(
                configured(environment, "lgsp.national.ndxp.url"), configured(environment, "lgsp.national.vdxp.url"))));
        context.getBeanFactory().registerSingleton("simulators", simulators);
        // destroyed with the context's beans: on close, and also when its start fails half-way
        if (context.getBeanFactory() instanceof org.springframework.beans.factory.support.DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("simulators", simulators::close);
        }

        context.addApplicationListener(event -> {
            if (event instanceof WebServerInitializedEvent web && web.getApplicationContext() == context) {
                lgsp.compareAndSet(null, "http://127.0.0.1:" + web.getWebServer().getPort());
            } else if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == context) {
                if (lgsp.get() == null) {
                    throw new IllegalStateException("The simulators role needs lgsp.simulators.platform-url when "
                            + "this process serves no LGSP web server");
                }
                simulators.connect();
            } else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                simulators.close();
            }
        });
    }

    /**
     * Whether the platform is told where a real national platform is. Read by key, not through the
     * workers' record of those settings: the simulators know no class of the platform's.
     */
    private static boolean configured(ConfigurableEnvironment environment, String property) {
        return Binder.get(environment).bind(property, String.class).map(value -> !value.isBlank()).orElse(false);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
