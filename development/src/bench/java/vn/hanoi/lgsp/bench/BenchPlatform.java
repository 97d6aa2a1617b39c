package vn.hanoi.lgsp.bench;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import vn.hanoi.lgsp.LgspApplication;

/** The platform a benchmark measures: the development run on fresh servers and free ports, quiet logs. */
final class BenchPlatform {

    /** What a benchmark does with the running platform; true when it completed and its counts balance. */
    interface Run {
        boolean on(ConfigurableApplicationContext platform) throws Exception;
    }

    private BenchPlatform() {
    }

    /**
     * Starts the platform with the benchmark's own settings on top, runs the benchmark and closes
     * the platform (the servers stay up for a later benchmark in the same JVM).
     */
    static boolean run(String name, List<String> settings, Run benchmark) {
        List<String> args = new ArrayList<>(List.of(
                "--lgsp.dev-services.ephemeral=true",
                "--lgsp.dev-services.postgres.port=0",
                "--lgsp.dev-services.elasticsearch.port=0",
                "--lgsp.dev-services.keycloak.port=0",
                "--lgsp.dev-services.smtp.port=0",
                "--server.port=0",
                "--lgsp.simulators.demo-exchanges=false",
                "--logging.level.root=warn",
                "--logging.level.vn.hanoi.lgsp=warn",
                "--logging.file.name=target/bench-logs/" + name + ".log"));
        args.addAll(settings);
        SpringApplication application = new SpringApplication(LgspApplication.class);
        application.setAdditionalProfiles("dev");
        ConfigurableApplicationContext platform = null;
        try {
            platform = application.run(args.toArray(String[]::new));
            return benchmark.on(platform);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            return false;
        } finally {
            if (platform != null) {
                try {
                    platform.close();
                } catch (RuntimeException e) {
                    e.printStackTrace(System.out);
                }
            }
        }
    }
}
