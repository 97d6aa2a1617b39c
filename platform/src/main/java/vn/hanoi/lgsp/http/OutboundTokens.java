package vn.hanoi.lgsp.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Every client-credentials token the platform fetches — towards Keycloak's admin API, provider
 * systems behind the gateway, NDXP — comes from here: Spring Security's authorized-client
 * manager, which keeps each token and fetches a fresh one shortly before it expires.
 * <p>
 * Clients are registered at run time because some token endpoints are known only then (a
 * simulator's port, a provider's audience scope created on first use).
 */
public class OutboundTokens {

    /** How the client proves itself at the token endpoint: Keycloak takes a form, national gateways HTTP Basic. */
    public enum CredentialStyle { FORM, BASIC }

    /** One outbound identity at one token endpoint, optionally asking for scopes (e.g. an audience). */
    public record Client(String tokenUri, String clientId, String clientSecret, CredentialStyle style,
                         Set<String> scopes) {

        public Client {
            Objects.requireNonNull(tokenUri, "tokenUri");
            Objects.requireNonNull(clientId, "clientId");
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }
    }

    private static final String PRINCIPAL = "lgsp";
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();
    private final InMemoryOAuth2AuthorizedClientService store;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    public OutboundTokens() {
        this.store = new InMemoryOAuth2AuthorizedClientService(registrations::get);
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations::get, store);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> c.accessTokenResponseClient(new RestClientClientCredentialsTokenResponseClient())
                        .clockSkew(RENEW_BEFORE_EXPIRY))
                .build());
    }

    /**
     * Registers a client under a name, or replaces it (and forgets its token) when its details changed.
     * Atomic per name: a caller that finds the client already registered by another thread finds its
     * registration too (the gateway's first calls to a provider register from many threads at once).
     */
    public void register(String name, Client client) {
        clients.compute(name, (key, previous) -> {
            if (client.equals(previous)) {
                return previous;
            }
            ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(name)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenUri(client.tokenUri())
                    .clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .clientAuthenticationMethod(client.style() == CredentialStyle.BASIC
                            ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                            : ClientAuthenticationMethod.CLIENT_SECRET_POST);
            if (!client.scopes().isEmpty()) {
                builder.scope(client.scopes());
            }
            registrations.put(name, builder.build());
            store.removeAuthorizedClient(name, PRINCIPAL);
            return client;
        });
    }

    public boolean registered(String name) {
        return registrations.containsKey(name);
    }

    /**
     * A valid access token of the named client, fetched if there is none or it is about to expire.
     *
     * @throws org.springframework.security.oauth2.client.ClientAuthorizationException when the
     *         token endpoint refuses or cannot be reached
     */
    public String token(String name) {
        if (!registrations.containsKey(name)) {
            throw new IllegalStateException("no outbound client registered as " + name);
        }
        OAuth2AuthorizedClient client = manager.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId(name).principal(PRINCIPAL).build());
        if (client == null) {
            throw new IllegalStateException("outbound client " + name + " could not be authorised");
        }
        return client.getAccessToken().getTokenValue();
    }

    /** Forgets the token, after the peer refused it (revoked, or the peer restarted). */
    public void invalidate(String name) {
        store.removeAuthorizedClient(name, PRINCIPAL);
    }
}
