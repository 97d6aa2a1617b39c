package vn.hanoi.lgsp.platform;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's database migrations, which Flyway takes from {@code spring.flyway.locations}
 * ({@code application.yaml} names this setting there).
 *
 * @param locations where the migrations are; the dev services add {@code classpath:db/demo}
 *                  (demo data) on the database they started themselves
 */
@ConfigurationProperties("lgsp.flyway")
@Validated
public record MigrationSettings(@DefaultValue("classpath:db/migration") @NotEmpty List<String> locations) {

    /** The same record before any bean exists. */
    public static MigrationSettings of(Environment environment) {
        return Binder.get(environment).bindOrCreate("lgsp.flyway", MigrationSettings.class);
    }
}
