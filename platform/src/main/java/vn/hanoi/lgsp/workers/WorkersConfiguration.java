package vn.hanoi.lgsp.workers;

import vn.hanoi.lgsp.platform.NationalPlatformSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.hanoi.lgsp.platform.ConditionalOnRole;
import vn.hanoi.lgsp.platform.KeycloakRealm;
import vn.hanoi.lgsp.platform.Role;

/** The workers role ({@code lgsp.roles} contains {@code workers}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKERS)
class WorkersConfiguration {

    /** The workers take their tokens at the platform's realm; no bean of the platform's identity module is needed. */
    @Bean
    WorkerRuntime workerRuntime(WorkerSettings settings, NationalPlatformSettings national, ObjectMapper json,
                                KeycloakRealm keycloak) {
        return new WorkerRuntime(settings, national, keycloak.tokenEndpoint(), json);
    }
}
