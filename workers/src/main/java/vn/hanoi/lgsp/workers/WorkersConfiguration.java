package vn.hanoi.lgsp.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.hanoi.lgsp.identity.KeycloakSettings;

/** The workers role ({@code lgsp.roles} contains {@code workers}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${lgsp.roles:engine,workers}'.contains('workers')")
class WorkersConfiguration {

    @Bean
    NationalEndpoints configuredNationalEndpoints(NationalPlatformSettings settings) {
        return new NationalEndpoints() {
            @Override
            public NationalPlatformSettings.Endpoint ndxp() {
                return settings.ndxp();
            }

            @Override
            public NationalPlatformSettings.Endpoint vdxp() {
                return settings.vdxp();
            }
        };
    }

    @Bean
    WorkerRuntime workerRuntime(WorkerSettings settings, NationalEndpoints national, KeycloakSettings keycloak,
                                ObjectMapper json) {
        return new WorkerRuntime(settings, national, keycloak.tokenEndpoint(), json);
    }
}
