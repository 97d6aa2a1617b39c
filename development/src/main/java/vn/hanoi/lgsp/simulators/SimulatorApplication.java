package vn.hanoi.lgsp.simulators;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * The simulators role on its own ({@code lgsp.roles=simulators}): NDXP, VDXP and the demo
 * agencies' systems as a process of their own, connected to the LGSP at
 * {@code lgsp.simulators.platform-url} through its public API, as real peers are. Development,
 * tests and the soak harness only. No web server of the platform, no engine, no database.
 * <p>
 * Not a component: the platform's own component scan must not pick it up.
 */
public final class SimulatorApplication {

    private SimulatorApplication() {
    }

    public static SpringApplication create() {
        // SimulatorsInitializer (spring.factories) does the work; the context holds nothing else
        SpringApplication application = new SpringApplication(SimulatorApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application;
    }

    /** The simulated servers run on their own threads; the process lives until it is stopped. */
    public static void runUntilStopped(SpringApplication application, String[] args) throws InterruptedException {
        application.run(args);
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
