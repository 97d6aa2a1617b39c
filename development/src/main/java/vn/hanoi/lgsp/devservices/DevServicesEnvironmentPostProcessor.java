package vn.hanoi.lgsp.devservices;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import vn.hanoi.lgsp.platform.KeycloakRealm;
import vn.hanoi.lgsp.platform.MigrationSettings;

/**
 * Before the platform's beans are built: in a development run (the {@code dev} profile), starts
 * the servers whose URLs are not configured and points the platform at them; in any other run,
 * starts nothing.
 */
public class DevServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "lgspDevServices";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DevServicesSettings settings = Binder.get(environment)
                .bindOrCreate("lgsp.dev-services", DevServicesSettings.class);
        if (environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        if (!settings.enabled()) {
            // not a development run: the platform's own check refuses what production must not have
            return;
        }
        KeycloakRealm keycloak = KeycloakRealm.of(environment);
        DevServices services = DevServices.startOnce(settings,
                server -> "lgsp.keycloak.url".equals(server) ? keycloak.configured() : hasText(environment.getProperty(server)));
        Map<String, Object> properties = new LinkedHashMap<>(services.propertiesFor(settings));
        Binder binder = Binder.get(environment);
        // demo data only on the development database, unless told otherwise
        if (services.started("postgres") && !binder.bind("lgsp.flyway", MigrationSettings.class).isBound()) {
            properties.put("lgsp.flyway.locations", "classpath:db/migration,classpath:db/demo");
        }
        // the simulated agency systems and providers speak plain http on loopback; production keeps refusing both
        if (!binder.bind("lgsp.endpoints.allow-plain-http", Boolean.class).isBound()) {
            properties.put("lgsp.endpoints.allow-plain-http", "true");
        }
        if (!binder.bind("lgsp.endpoints.allow-loopback", Boolean.class).isBound()) {
            properties.put("lgsp.endpoints.allow-loopback", "true");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public int getOrder() {
        // after the config files are loaded, so that configured URLs are seen
        return Ordered.LOWEST_PRECEDENCE;
    }
}
