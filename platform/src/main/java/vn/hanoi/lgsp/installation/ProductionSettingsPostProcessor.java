package vn.hanoi.lgsp.installation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Before any bean is built: a start that is not a development run ({@code lgsp.dev-services.enabled},
 * which the development tooling's {@code dev} profile sets) is a real installation, and refuses
 * settings a production installation must not have ({@link ProductionSettingsCheck}).
 */
public class ProductionSettingsPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean development = Binder.get(environment).bind("lgsp.dev-services.enabled", Boolean.class).orElse(false);
        if (!development) {
            ProductionSettingsCheck.check(environment);
        }
    }

    @Override
    public int getOrder() {
        // after the config files are loaded, so that every configured value is seen
        return Ordered.LOWEST_PRECEDENCE;
    }
}
