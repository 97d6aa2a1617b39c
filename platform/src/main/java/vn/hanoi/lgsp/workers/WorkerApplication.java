package vn.hanoi.lgsp.workers;

import vn.hanoi.lgsp.platform.NationalPlatformSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import vn.hanoi.lgsp.platform.KeycloakRealm;

/**
 * The workers role on its own ({@code lgsp.roles=workers}): external-task clients and nothing
 * else — no engine, no database, no web server, no poller, no shipper. It reaches the engine and
 * the platform over HTTP, at {@code lgsp.workers.engine-rest-url} and {@code lgsp.workers.platform-url}.
 * <p>
 * Not a component: the platform's own component scan must not pick it up.
 */
@Import(WorkersConfiguration.class)
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@EnableConfigurationProperties({WorkerSettings.class, NationalPlatformSettings.class, KeycloakRealm.class})
public final class WorkerApplication {

    private WorkerApplication() {
    }

    public static SpringApplication create() {
        SpringApplication application = new SpringApplication(WorkerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application;
    }
}
