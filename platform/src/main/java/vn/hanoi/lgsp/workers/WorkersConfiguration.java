package vn.hanoi.lgsp.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.annotation.Value;

/** The workers role ({@code lgsp.roles} contains {@code workers}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${lgsp.roles:engine,workers}'.contains('workers')")
class WorkersConfiguration {

    /** The workers read the same Keycloak settings as the platform, by name only: no platform bean is needed. */
    @Bean
    WorkerRuntime workerRuntime(WorkerSettings settings, NationalPlatformSettings national, ObjectMapper json,
                                @Value("${lgsp.keycloak.url}") String keycloakUrl,
                                @Value("${lgsp.keycloak.realm:lgsp}") String realm) {
        return new WorkerRuntime(settings, national, keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token",
                json);
    }
}
