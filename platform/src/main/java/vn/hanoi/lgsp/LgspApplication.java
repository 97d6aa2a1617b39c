package vn.hanoi.lgsp;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.hanoi.lgsp.workers.WorkerApplication;

/** Hanoi's data integration and sharing platform (LGSP), Decision 5918/QĐ-UBND. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LgspApplication {

    public static void main(String[] args) throws InterruptedException {
        // one artifact, each role alone: a workers-only process starts nothing of the engine; a role the
        // development tooling adds (the simulators) runs alone when it is the only one asked for
        Set<String> roles = roles(args);
        if (roles.size() == 1 && !roles.contains("engine") && !roles.contains("workers")) {
            String name = roles.iterator().next();
            StandaloneRole role = StandaloneRole.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "lgsp.roles=" + name + ": no such role in this installation (engine, workers)"));
            role.run(args);
            return;
        }
        SpringApplication application = Set.of("workers").equals(roles) ? WorkerApplication.create()
                : new SpringApplication(LgspApplication.class);
        application.run(args);
    }

    /** {@code lgsp.roles} as given on the command line, as a system property or in {@code LGSP_ROLES}. */
    static Set<String> roles(String[] args) {
        String roles = Arrays.stream(args).filter(a -> a.startsWith("--lgsp.roles=")).map(a -> a.substring(13))
                .reduce((first, last) -> last)
                .orElseGet(() -> System.getProperty("lgsp.roles", System.getenv().getOrDefault("LGSP_ROLES", "")));
        return Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).collect(Collectors.toSet());
    }
}
