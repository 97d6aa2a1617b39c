package vn.hanoi.lgsp.platform;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.Arrays;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * The settings of the whole process rather than of one capability.
 *
 * @param roles       what this process runs: {@code engine} (Camunda, the agency API, the web apps),
 *                    {@code workers} (the external-task workers), {@code simulators} (development only)
 * @param bindAddress address the platform's web server listens on
 * @param publicUrl   the platform's address as agencies see it, written into connection guides;
 *                    empty: this server's own address
 */
@ConfigurationProperties("lgsp")
@Validated
public record PlatformSettings(
        @DefaultValue({"engine", "workers"}) @NotEmpty Set<Role> roles,
        @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
        String publicUrl) {

    public boolean runs(Role role) {
        return roles.contains(role);
    }

    /** Whether this process runs exactly the given roles and no other. */
    public boolean runsOnly(Role... only) {
        return roles.equals(Set.copyOf(Arrays.asList(only)));
    }

    /**
     * The same record where the context's beans do not exist yet (environment post-processors,
     * initializers, conditions).
     */
    public static PlatformSettings of(Environment environment) {
        return Binder.get(environment).bindOrCreate("lgsp", PlatformSettings.class);
    }
}
