package vn.hanoi.lgsp.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.hanoi.lgsp.http.OutboundTokens;

/**
 * Keeps the citizens' realm brokering to VNeID as configured: the identity provider
 * {@value #ALIAS} is created, or brought back to the settings, when the platform starts. So
 * the address VDXP gave the city lives in the platform's settings, not in a hand-edited realm.
 * The platform's account in that realm may manage identity providers and nothing else.
 */
@Component
class VneidBroker {

    static final String ALIAS = "vneid";
    private static final Logger log = LoggerFactory.getLogger(VneidBroker.class);
    private static final String ADMIN_CLIENT = "keycloak-citizens-admin";

    private final KeycloakSettings keycloak;
    private final CitizensSettings citizens;
    private final OutboundTokens tokens;
    private final RestClient http;

    VneidBroker(KeycloakSettings keycloak, CitizensSettings citizens, OutboundTokens tokens, RestClient.Builder builder) {
        this.keycloak = keycloak;
        this.citizens = citizens;
        this.tokens = tokens;
        this.http = builder.clone().build();
        tokens.register(ADMIN_CLIENT, new OutboundTokens.Client(
                keycloak.url() + "/realms/" + citizens.realm() + "/protocol/openid-connect/token",
                citizens.adminClientId(), citizens.adminClientSecret(), OutboundTokens.CredentialStyle.FORM, null));
    }

    /**
     * Keycloak briefly away, or another node writing the same provider at the same moment, must
     * not stop this node from starting: it tries again in the background for a while.
     */
    @EventListener(ApplicationReadyEvent.class)
    void ensureBrokered() {
        if (!citizens.vneid().configured()) {
            log.warn("lgsp.citizens.vneid.issuer is not configured: citizens cannot sign in through VNeID");
            return;
        }
        try {
            broker();
        } catch (RuntimeException first) {
            log.warn("The VNeID identity provider could not be written yet ({}); trying again in the background",
                    first.getMessage());
            Thread retry = new Thread(() -> {
                for (int attempt = 1; attempt <= 30; attempt++) {
                    try {
                        Thread.sleep(10_000);
                        broker();
                        return;
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException again) {
                        log.warn("The VNeID identity provider could not be written (attempt {}): {}", attempt,
                                again.getMessage());
                    }
                }
                log.error("The VNeID identity provider was not written: citizens cannot sign in through VNeID");
            }, "vneid-broker");
            retry.setDaemon(true);
            retry.start();
        }
    }

    private void broker() {
        String base = keycloak.url() + "/admin/realms/" + citizens.realm() + "/identity-provider/instances";
        String token = tokens.token(ADMIN_CLIENT);
        boolean exists = http.get().uri(base + "/{alias}", ALIAS).headers(h -> h.setBearerAuth(token))
                .exchange((request, response) -> response.getStatusCode().is2xxSuccessful());
        Map<String, Object> provider = representation();
        var call = exists ? http.put().uri(base + "/{alias}", ALIAS) : http.post().uri(base);
        call.headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).body(provider).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw new IllegalStateException("Keycloak refused the VNeID identity provider: HTTP "
                            + response.getStatusCode().value() + " " + new String(response.getBody().readAllBytes()));
                })
                .toBodilessEntity();
        log.info("Citizens' realm {} brokers to VNeID at {}", citizens.realm(), citizens.vneid().issuer());
    }

    private Map<String, Object> representation() {
        CitizensSettings.Vneid vneid = citizens.vneid();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", vneid.issuer());
        config.put("authorizationUrl", vneid.endpoint(vneid.authorizationUrl(), "/oidc/authorize"));
        config.put("tokenUrl", vneid.endpoint(vneid.tokenUrl(), "/oidc/token"));
        config.put("userInfoUrl", vneid.endpoint(vneid.userinfoUrl(), "/oidc/userinfo"));
        config.put("jwksUrl", vneid.endpoint(vneid.jwksUrl(), "/oidc/jwks"));
        config.put("useJwksUrl", "true");
        config.put("validateSignature", "true");
        config.put("clientId", vneid.clientId());
        config.put("clientSecret", vneid.clientSecret());
        config.put("clientAuthMethod", "client_secret_post");
        config.put("defaultScope", "openid profile email");
        config.put("syncMode", "FORCE");
        config.put("disableUserInfo", "false");
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("alias", ALIAS);
        provider.put("displayName", "VNeID");
        provider.put("providerId", "oidc");
        provider.put("enabled", true);
        provider.put("trustEmail", true);
        provider.put("storeToken", false);
        provider.put("firstBrokerLoginFlowAlias", "first broker login");
        provider.put("config", config);
        return provider;
    }
}
