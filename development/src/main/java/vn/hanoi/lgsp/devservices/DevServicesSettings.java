package vn.hanoi.lgsp.devservices;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the platform starts its own servers when no production URL is configured.
 *
 * @param enabled    start missing servers at all
 * @param home       folder for unpacked servers and, unless ephemeral, their data
 * @param archives   folder where the build copied the Elasticsearch and Keycloak archives
 * @param ephemeral  fresh data for every JVM (the test suite), deleted at exit
 * @param bindHost   loopback address every server binds to
 */
@ConfigurationProperties("lgsp.dev-services")
@Validated
public record DevServicesSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(".lgsp") @NotNull Path home,
        @DefaultValue("target/dev-servers") @NotNull Path archives,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("127.0.0.1") @NotBlank String bindHost,
        @DefaultValue @Valid Postgres postgres,
        @DefaultValue @Valid Elasticsearch elasticsearch,
        @DefaultValue @Valid Keycloak keycloak,
        @DefaultValue @Valid Smtp smtp) {

    /** Port 0 picks a free port at start. */
    public record Postgres(@DefaultValue("15432") @PositiveOrZero @Max(65535) int port,
                           @DefaultValue("17.6.0") String version,
                           @DefaultValue("lgsp") String database,
                           @DefaultValue("lgsp") String username,
                           @DefaultValue("lgsp-dev") String password) {
    }

    public record Elasticsearch(@DefaultValue("19200") @PositiveOrZero @Max(65535) int port,
                                @DefaultValue("8.19.21") String version,
                                @DefaultValue("512m") String heap) {
    }

    public record Keycloak(@DefaultValue("18080") @PositiveOrZero @Max(65535) int port,
                           @DefaultValue("26.7.3") String version,
                           @DefaultValue("admin") String adminUsername,
                           @DefaultValue("Lgsp@Admin2025") String adminPassword) {
    }

    public record Smtp(@DefaultValue("3025") @PositiveOrZero @Max(65535) int port) {
    }
}
