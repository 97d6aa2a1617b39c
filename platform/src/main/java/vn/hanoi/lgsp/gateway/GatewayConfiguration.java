package vn.hanoi.lgsp.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.hanoi.lgsp.audit.SubjectHash;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.identity.KeycloakSettings;
import vn.hanoi.lgsp.http.OutboundTokens;
import vn.hanoi.lgsp.platform.NationalPlatformSettings;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** The LGSP's own X-Road member address, as NDXP knows it. */
    static final String XROAD_CLIENT = vn.hanoi.lgsp.workercontract.PostalProcess.Ndxp.LGSP_MEMBER;

    @Bean
    Upstreams gatewayUpstreams(GatewaySettings settings, OutboundTokens tokens, KeycloakAdmin keycloak,
                               KeycloakSettings keycloakSettings, NationalPlatformSettings national) {
        if (settings.clientSecret() == null || settings.clientSecret().isBlank()) {
            throw new IllegalStateException("lgsp.gateway.client-secret must be set: the secret of the LGSP's "
                    + "Keycloak client " + settings.clientId() + " that calls provider systems");
        }
        return new Upstreams(settings, tokens, keycloak, keycloakSettings, national::ndxp, XROAD_CLIENT);
    }

    @Bean
    SubjectHash subjectHash(GatewaySettings settings) {
        return new SubjectHash(settings.subjectHashKey());
    }
}
