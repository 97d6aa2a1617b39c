package vn.hanoi.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import vn.hanoi.lgsp.connection.ConnectionSettings;
import vn.hanoi.lgsp.gateway.GatewaySettings;
import vn.hanoi.lgsp.workers.WorkerSettings;

/**
 * Every settings record of the platform, bound as the context binds it: the defaults hold, and a
 * value out of bounds stops the start with a message naming the setting.
 */
class InvalidSettingsTest {

    /** All the platform's settings records, and nothing else of it: no server is needed. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("vn.hanoi.lgsp")
    static class AllSettings {
    }

    private final ApplicationContextRunner settings = new ApplicationContextRunner().withUserConfiguration(AllSettings.class);

    @Test
    void theDefaultsAreValid() {
        settings.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PlatformSettings.class).roles()).isEqualTo(Set.of(Role.ENGINE, Role.WORKERS));
            assertThat(context.getBean(GatewaySettings.class).requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void aNegativeTimeoutStopsTheStartNamingTheSetting() {
        settings.withPropertyValues("lgsp.gateway.request-timeout=-1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("lgsp.gateway").hasMessageContaining("requestTimeout");
            assertThat(boundProperties(context.getStartupFailure())).contains("lgsp.gateway.request-timeout");
        });
    }

    @Test
    void zeroWhereAPositiveNumberIsNeededStopsTheStart() {
        settings.withPropertyValues("lgsp.workers.concurrency=0", "lgsp.connection.clock-skew-threshold=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(boundProperties(context.getStartupFailure())).containsAnyOf("lgsp.workers.concurrency",
                    "lgsp.connection.clock-skew-threshold");
        });
        settings.withPropertyValues("lgsp.connection.clock-skew-threshold=0s").run(context ->
                assertThat(boundProperties(context.getStartupFailure())).contains("lgsp.connection.clock-skew-threshold"));
        settings.withPropertyValues("lgsp.workers.concurrency=0").run(context ->
                assertThat(boundProperties(context.getStartupFailure())).contains("lgsp.workers.concurrency"));
    }

    @Test
    void aRoleThatDoesNotExistStopsTheStartNamingLgspRoles() {
        settings.withPropertyValues("lgsp.roles=engine,wrokers").run(context -> {
            assertThat(context).hasFailed();
            assertThat(findCause(context.getStartupFailure(), BindException.class).getProperty().getName().toString())
                    .isEqualTo("lgsp.roles");
        });
        settings.withPropertyValues("lgsp.roles=").run(context ->
                assertThat(boundProperties(context.getStartupFailure())).contains("lgsp.roles"));
    }

    @Test
    void theRolesAreOneTypedSetWhereverTheyAreRead() {
        settings.withPropertyValues("lgsp.roles= Workers , simulators").run(context -> {
            PlatformSettings platform = context.getBean(PlatformSettings.class);
            assertThat(platform.roles()).containsExactlyInAnyOrder(Role.WORKERS, Role.SIMULATORS);
            assertThat(platform.runs(Role.ENGINE)).isFalse();
            assertThat(PlatformSettings.of(context.getEnvironment())).isEqualTo(platform);
        });
    }

    @Test
    void connectionSettingsKeepTheirDefaultsWhenOthersAreSet() {
        settings.withPropertyValues("lgsp.connection.timeout=3s").run(context -> {
            ConnectionSettings connection = context.getBean(ConnectionSettings.class);
            assertThat(connection.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(connection.clockSkewThreshold()).isEqualTo(Duration.ofSeconds(2));
            assertThat(context.getBean(WorkerSettings.class).concurrency()).isEqualTo(16);
        });
    }

    private static Set<String> boundProperties(Throwable failure) {
        BindValidationException invalid = findCause(failure, BindValidationException.class);
        return invalid.getValidationErrors().getBoundProperties().stream()
                .map(property -> property.getName().toString())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }
}
