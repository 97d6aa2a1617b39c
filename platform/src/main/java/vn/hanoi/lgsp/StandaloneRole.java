package vn.hanoi.lgsp;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A process role that another artifact on the classpath adds and that runs alone, outside the
 * platform's context: the development tooling's simulated national systems. The platform knows
 * such a role only by name, through {@link ServiceLoader}; an installation has none.
 */
public interface StandaloneRole {

    /** The name {@code lgsp.roles} gives this role. */
    String name();

    /** Runs the role until the process is stopped. */
    void run(String[] args) throws InterruptedException;

    static Optional<StandaloneRole> named(String name) {
        return ServiceLoader.load(StandaloneRole.class).stream().map(ServiceLoader.Provider::get)
                .filter(role -> role.name().equals(name)).findFirst();
    }
}
