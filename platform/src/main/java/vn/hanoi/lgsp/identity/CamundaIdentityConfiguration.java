package vn.hanoi.lgsp.identity;

import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camunda reads users and groups from Keycloak (read-only): Keycloak is the one directory. */
@Configuration(proxyBeanMethods = false)
class CamundaIdentityConfiguration {

    /** Members of this Keycloak group administer Camunda (Cockpit, Tasklist, Admin). */
    static final String ADMIN_GROUP = "camunda-admins";

    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(KeycloakSettings keycloak) {
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(keycloak.issuer());
        plugin.setKeycloakAdminUrl(keycloak.adminUrl());
        plugin.setClientId(keycloak.platformClientId());
        plugin.setClientSecret(keycloak.platformClientSecret());
        // user ids are Keycloak user names and group ids are group names, so that BPMN models
        // can say candidateGroups="dost-reviewers"
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        plugin.setAdministratorGroupName(ADMIN_GROUP);
        plugin.setCacheEnabled(true);
        plugin.setMaxCacheSize(500);
        plugin.setCacheExpirationTimeoutMin(5);
        return plugin;
    }
}
