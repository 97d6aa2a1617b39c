package vn.hanoi.lgsp.simulators;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.gateway.GatewayPolicies;
import vn.hanoi.lgsp.identity.KeycloakSettings;
import vn.hanoi.lgsp.workers.NationalEndpoints;
import vn.hanoi.lgsp.workers.NationalPlatformSettings;

/**
 * The simulators role ({@code lgsp.roles} contains {@code simulators}): for development and
 * tests only. Where a national platform's URL is configured, that one is used instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${lgsp.roles:engine,workers}'.contains('simulators')")
class SimulatorsConfiguration {

    @Bean(destroyMethod = "close")
    Simulators simulators(SimulatorSettings settings, AgencySystems systems, ServiceCatalog catalog,
                          GatewayPolicies policies, KeycloakSettings keycloak) {
        return new Simulators(settings, systems, catalog, policies, keycloak.issuer());
    }

    @EventListener
    void startSimulators(WebServerInitializedEvent event) {
        Simulators simulators = event.getApplicationContext().getBean(Simulators.class);
        simulators.start("http://127.0.0.1:" + event.getWebServer().getPort());
    }

    /** Demo records on a fresh database, once the workers are polling. */
    @EventListener(ApplicationReadyEvent.class)
    void demoTraffic(ApplicationReadyEvent ready) {
        var context = ready.getApplicationContext();
        SimulatorSettings settings = context.getBean(SimulatorSettings.class);
        Integer exchanges = context.getBean(JdbcTemplate.class).queryForObject("select count(*) from lgsp.exchange", Integer.class);
        if (!settings.demoExchanges() || exchanges == null || exchanges > 0
                || !(context instanceof WebServerApplicationContext web)) {
            return;
        }
        String issuer = context.getBean(KeycloakSettings.class).issuer();
        new DemoTraffic("http://127.0.0.1:" + web.getWebServer().getPort(), issuer + "/protocol/openid-connect/token").send();
    }

    /** NDXP and VDXP as configured, or the simulators where nothing is configured. */
    @Bean
    @Primary
    NationalEndpoints simulatedNationalEndpoints(NationalPlatformSettings configured, Simulators simulators) {
        return new NationalEndpoints() {
            @Override
            public NationalPlatformSettings.Endpoint ndxp() {
                return configured.ndxp().configured() ? configured.ndxp() : new NationalPlatformSettings.Endpoint(
                        simulators.ndxp().baseUrl(), Simulators.NDXP_CONSUMER_KEY, Simulators.NDXP_CONSUMER_SECRET);
            }

            @Override
            public NationalPlatformSettings.Endpoint vdxp() {
                return configured.vdxp().configured() ? configured.vdxp() : new NationalPlatformSettings.Endpoint(
                        simulators.vdxp().baseUrl(), Simulators.VDXP_CONSUMER_KEY, Simulators.VDXP_CONSUMER_SECRET);
            }
        };
    }
}
