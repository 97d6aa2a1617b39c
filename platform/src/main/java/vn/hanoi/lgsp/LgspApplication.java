package vn.hanoi.lgsp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.hanoi.lgsp.platform.PlatformSettings;
import vn.hanoi.lgsp.platform.Role;
import vn.hanoi.lgsp.workers.WorkerApplication;

/** Hanoi's data integration and sharing platform (LGSP), Decision 5918/QĐ-UBND. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LgspApplication {

    public static void main(String[] args) throws InterruptedException {
        // one artifact, each role alone: a workers-only process starts nothing of the engine; a role the
        // development tooling adds (the simulators) runs alone when it is the only one asked for
        PlatformSettings settings = settings(args);
        if (settings.runsOnly(Role.SIMULATORS)) {
            StandaloneRole role = StandaloneRole.named("simulators").orElseThrow(() -> new IllegalArgumentException(
                    "lgsp.roles=simulators: no such role in this installation (engine, workers)"));
            role.run(args);
            return;
        }
        SpringApplication application = settings.runsOnly(Role.WORKERS) ? WorkerApplication.create()
                : new SpringApplication(LgspApplication.class);
        application.run(args);
    }

    /**
     * The settings as given on the command line, as system properties or environment variables
     * ({@code LGSP_ROLES}), before any context exists to choose which one to start.
     */
    static PlatformSettings settings(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return PlatformSettings.of(environment);
    }
}
