package vn.hanoi.lgsp.identity;

import vn.hanoi.lgsp.http.OutboundTokens;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Keycloak's admin REST API as the platform's service account: staff accounts and, later,
 * agency credentials. Keycloak enforces the realm's password policy and its refusal
 * comes back as a {@code VALIDATION_FAILED} with Keycloak's reason.
 */
@Component
public class KeycloakAdmin {

    private static final String ADMIN_CLIENT = "keycloak-admin";

    private final KeycloakSettings keycloak;
    private final RestClient http;
    private final OutboundTokens tokens;
    private final RevokedClients revoked;
    private final vn.hanoi.lgsp.audit.AuditJournal journal;

    KeycloakAdmin(KeycloakSettings keycloak, RestClient.Builder builder, OutboundTokens tokens, RevokedClients revoked,
                  vn.hanoi.lgsp.audit.AuditJournal journal) {
        this.revoked = revoked;
        this.journal = journal;
        this.keycloak = keycloak;
        this.http = builder.clone().build();
        this.tokens = tokens;
        tokens.register(ADMIN_CLIENT, new OutboundTokens.Client(keycloak.tokenEndpoint(), keycloak.platformClientId(),
                keycloak.platformClientSecret(), OutboundTokens.CredentialStyle.FORM, null));
    }

    /** A staff member's account; the password must satisfy the realm's policy. */
    public record StaffAccount(String username, String firstName, String lastName, String email,
                               String agencyCode, String initialPassword) {
    }

    /** Creates the account and returns its Keycloak id. */
    public String createStaffAccount(StaffAccount account) {
        Map<String, Object> user = Map.of(
                "username", account.username(),
                "firstName", account.firstName(),
                "lastName", account.lastName(),
                "email", account.email(),
                "enabled", true,
                "emailVerified", true,
                "attributes", Map.of("agency_code", List.of(account.agencyCode())),
                "credentials", List.of(Map.of("type", "password", "value", account.initialPassword(), "temporary", true)));
        var response = http.post().uri(keycloak.adminUrl() + "/users")
                .headers(h -> h.setBearerAuth(serviceToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(user)
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, reply) -> {
                    throw refused(reply.getStatusCode().value(), new String(reply.getBody().readAllBytes()));
                })
                .toBodilessEntity();
        String location = response.getHeaders().getLocation().getPath();
        journalCredential("credential.staff-account.created", account.username(),
                Map.of("agencyCode", account.agencyCode()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The staff accounts of an agency: users whose attribute {@code agency_code} names it. */
    public List<String> staffOf(String agencyCode) {
        List<?> users = http.get().uri(keycloak.adminUrl() + "/users?q=agency_code:{code}&max=100", agencyCode)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(List.class);
        return users == null ? List.of() : users.stream().map(u -> ((Map<?, ?>) u).get("username").toString())
                .filter(name -> !name.startsWith("service-account-")).toList();
    }

    /** The agency a staff account belongs to: its attribute {@code agency_code}; empty for DOST-wide or unknown accounts. */
    public java.util.Optional<String> agencyOfStaff(String username) {
        List<?> users = http.get().uri(keycloak.adminUrl() + "/users?exact=true&briefRepresentation=false&username={u}",
                        username)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(List.class);
        if (users == null || users.isEmpty() || !(((Map<?, ?>) users.get(0)).get("attributes") instanceof Map<?, ?> a)
                || !(a.get("agency_code") instanceof List<?> codes) || codes.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(codes.get(0).toString());
    }

    /** Looks an account up by user name. */
    public java.util.Optional<String> findUserId(String username) {
        List<?> users = http.get().uri(keycloak.adminUrl() + "/users?exact=true&username={u}", username)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(List.class);
        return users == null || users.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(((Map<?, ?>) users.get(0)).get("id").toString());
    }

    public void deleteUser(String userId) {
        http.delete().uri(keycloak.adminUrl() + "/users/{id}", userId)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().toBodilessEntity();
        journalCredential("credential.staff-account.deleted", userId, Map.of());
    }

    public String tokenEndpoint() {
        return keycloak.tokenEndpoint();
    }

    /** Credentials of an agency system in one environment: a confidential client with a service account. */
    public record AgencyCredentials(String clientId, String clientSecret, String tokenEndpoint, String environment) {
    }

    /**
     * Creates, unless it exists, the client whose tokens carry the agency's code, the
     * environment and the API audience; returns its credentials.
     */
    public AgencyCredentials provisionAgencyClient(String clientId, String name, String agencyCode, String environment) {
        if (findClient(clientId).isEmpty()) {
            Map<String, Object> client = Map.of(
                    "clientId", clientId,
                    "name", name,
                    "enabled", true,
                    "publicClient", false,
                    "serviceAccountsEnabled", true,
                    "standardFlowEnabled", false,
                    "directAccessGrantsEnabled", false,
                    "attributes", Map.of("agency_code", agencyCode, "lgsp_environment", environment),
                    "protocolMappers", List.of(
                            hardcodedClaim("agency_code", agencyCode),
                            hardcodedClaim("lgsp_environment", environment),
                            Map.of("name", "lgsp-api audience", "protocol", "openid-connect",
                                    "protocolMapper", "oidc-audience-mapper",
                                    "config", Map.of("included.custom.audience", keycloak.apiAudience(),
                                            "access.token.claim", "true", "introspection.token.claim", "true"))));
            http.post().uri(keycloak.adminUrl() + "/clients")
                    .headers(h -> h.setBearerAuth(serviceToken()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(client)
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, reply) -> {
                        throw refused(reply.getStatusCode().value(), new String(reply.getBody().readAllBytes()));
                    })
                    .toBodilessEntity();
            journalCredential("credential.client.created", clientId,
                    Map.of("agencyCode", agencyCode, "environment", environment));
        }
        String id = findClient(clientId).orElseThrow(() -> new IllegalStateException("client " + clientId + " vanished"));
        Map<?, ?> secret = http.get().uri(keycloak.adminUrl() + "/clients/{id}/client-secret", id)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(Map.class);
        return new AgencyCredentials(clientId, secret.get("value").toString(), keycloak.tokenEndpoint(), environment);
    }

    /** The credentials of an existing client, if it exists. */
    public java.util.Optional<AgencyCredentials> agencyCredentials(String clientId, String environment) {
        return findClient(clientId).map(id -> {
            Map<?, ?> secret = http.get().uri(keycloak.adminUrl() + "/clients/{id}/client-secret", id)
                    .headers(h -> h.setBearerAuth(serviceToken()))
                    .retrieve().body(Map.class);
            return new AgencyCredentials(clientId, secret.get("value").toString(), keycloak.tokenEndpoint(), environment);
        });
    }

    /** Removes a client, if it exists: revoked credentials stop working at once. */
    public boolean deleteClient(String clientId) {
        java.util.Optional<String> id = findClient(clientId);
        // its tokens stop at once on every node, not at their expiry
        revoked.revoke(clientId);
        id.ifPresent(internal -> http.delete().uri(keycloak.adminUrl() + "/clients/{id}", internal)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().toBodilessEntity());
        journalCredential("credential.client.revoked", clientId, Map.of("existed", id.isPresent()));
        return id.isPresent();
    }

    /**
     * Disables a client, if it exists, and stops the tokens it already holds: the client stays
     * in Keycloak (DOST can look at it or enable it again), but nothing it was given works.
     */
    public boolean disableClient(String clientId, String reason) {
        java.util.Optional<String> id = findClient(clientId);
        revoked.revoke(clientId);
        id.ifPresent(internal -> http.put().uri(keycloak.adminUrl() + "/clients/{id}", internal)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("clientId", clientId, "enabled", false))
                .retrieve().toBodilessEntity());
        journalCredential("credential.client.disabled", clientId, Map.of("existed", id.isPresent(), "reason", reason));
        return id.isPresent();
    }

    /** The clients whose tokens speak for the agency: its systems' and those onboarding issued to it. */
    public List<String> clientsOfAgency(String agencyCode) {
        // Keycloak searches clients by attribute only where the realm allows it: read the realm's clients page by page
        List<String> found = new java.util.ArrayList<>();
        int page = 200;
        for (int first = 0; ; first += page) {
            List<?> clients = http.get().uri(keycloak.adminUrl() + "/clients?first={f}&max={m}", first, page)
                    .headers(h -> h.setBearerAuth(serviceToken()))
                    .retrieve().body(List.class);
            if (clients == null || clients.isEmpty()) {
                break;
            }
            clients.stream().map(c -> (Map<?, ?>) c)
                    .filter(c -> c.get("attributes") instanceof Map<?, ?> a && agencyCode.equals(a.get("agency_code")))
                    .forEach(c -> found.add(c.get("clientId").toString()));
            if (clients.size() < page) {
                break;
            }
        }
        return found.stream().sorted().toList();
    }

    /**
     * Makes a client speak for another agency (R-06: a closed body's system passes to its
     * successor with its credentials): its attribute and the claim in its tokens change, and
     * the tokens it already holds, which name the old agency, stop at once.
     */
    public void reassignClient(String clientId, String agencyCode) {
        String id = findClient(clientId).orElseThrow(() -> new IllegalStateException("Keycloak has no client " + clientId));
        Map<?, ?> current = http.get().uri(keycloak.adminUrl() + "/clients/{id}", id)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(Map.class);
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        if (current.get("attributes") instanceof Map<?, ?> a) {
            a.forEach((k, v) -> attributes.put(k.toString(), v));
        }
        String before = String.valueOf(attributes.get("agency_code"));
        attributes.put("agency_code", agencyCode);
        http.put().uri(keycloak.adminUrl() + "/clients/{id}", id)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("clientId", clientId, "attributes", attributes))
                .retrieve().toBodilessEntity();
        List<?> mappers = http.get().uri(keycloak.adminUrl() + "/clients/{id}/protocol-mappers/models", id)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(List.class);
        for (Object m : mappers == null ? List.of() : mappers) {
            Map<?, ?> mapper = (Map<?, ?>) m;
            Map<?, ?> config = (Map<?, ?>) mapper.get("config");
            if (!"oidc-hardcoded-claim-mapper".equals(mapper.get("protocolMapper")) || config == null
                    || !"agency_code".equals(config.get("claim.name"))) {
                continue;
            }
            Map<String, Object> changed = new java.util.LinkedHashMap<>();
            mapper.forEach((k, v) -> changed.put(k.toString(), v));
            Map<String, Object> newConfig = new java.util.LinkedHashMap<>();
            config.forEach((k, v) -> newConfig.put(k.toString(), v));
            newConfig.put("claim.value", agencyCode);
            changed.put("config", newConfig);
            http.put().uri(keycloak.adminUrl() + "/clients/{id}/protocol-mappers/models/{m}", id, mapper.get("id"))
                    .headers(h -> h.setBearerAuth(serviceToken()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(changed)
                    .retrieve().toBodilessEntity();
        }
        revoked.revoke(clientId);
        journalCredential("credential.client.reassigned", clientId, Map.of("from", before, "to", agencyCode));
    }

    /** The agency code in the client's tokens, as its claim mapper sets it; empty when it has none. */
    public java.util.Optional<String> agencyOfClient(String clientId) {
        return findClient(clientId).flatMap(id -> {
            List<?> mappers = http.get().uri(keycloak.adminUrl() + "/clients/{id}/protocol-mappers/models", id)
                    .headers(h -> h.setBearerAuth(serviceToken()))
                    .retrieve().body(List.class);
            return (mappers == null ? List.of() : mappers).stream().map(m -> (Map<?, ?>) ((Map<?, ?>) m).get("config"))
                    .filter(c -> c != null && "agency_code".equals(c.get("claim.name")))
                    .map(c -> String.valueOf(c.get("claim.value"))).findFirst();
        });
    }

    /** Credentials are made and revoked by the platform, on a DOST decision taken in Tasklist (itself journaled). */
    private void journalCredential(String action, String target, Map<String, Object> details) {
        journal.append(new vn.hanoi.lgsp.audit.AuditEntry(java.time.Instant.now(),
                vn.hanoi.lgsp.audit.AuditEntry.ActorKind.PLATFORM, "lgsp", null, action, target, "00", null, details));
    }

    /**
     * Makes sure the client can ask for tokens meant for {@code audience}: an optional client
     * scope named {@code scope} whose tokens carry that audience. Scopes are made per audience
     * (one per provider agency) so that a token shown to one provider is refused by every other.
     */
    public void ensureAudienceScope(String clientId, String scope, String audience) {
        String clientUuid = findClient(clientId).orElseThrow(() -> new IllegalStateException(
                "Keycloak has no client " + clientId));
        java.util.Optional<String> scopeId = findClientScope(scope);
        if (scopeId.isEmpty()) {
            Map<String, Object> representation = Map.of(
                    "name", scope,
                    "protocol", "openid-connect",
                    "attributes", Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"),
                    "protocolMappers", List.of(Map.of("name", "audience " + audience, "protocol", "openid-connect",
                            "protocolMapper", "oidc-audience-mapper",
                            "config", Map.of("included.custom.audience", audience, "access.token.claim", "true",
                                    "introspection.token.claim", "true"))));
            http.post().uri(keycloak.adminUrl() + "/client-scopes")
                    .headers(h -> h.setBearerAuth(serviceToken()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(representation)
                    .retrieve()
                    // another node created it a moment ago
                    .onStatus(status -> status.value() == 409, (request, reply) -> { })
                    .toBodilessEntity();
            scopeId = findClientScope(scope);
        }
        String id = scopeId.orElseThrow(() -> new IllegalStateException("client scope " + scope + " vanished"));
        http.put().uri(keycloak.adminUrl() + "/clients/{client}/optional-client-scopes/{scope}", clientUuid, id)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve()
                // two deliveries to a new recipient at once (or two nodes) link it together: one wins
                .onStatus(status -> status.value() == 409, (request, reply) -> { })
                .toBodilessEntity();
    }

    private java.util.Optional<String> findClientScope(String name) {
        List<?> scopes = http.get().uri(keycloak.adminUrl() + "/client-scopes")
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(List.class);
        return scopes == null ? java.util.Optional.empty() : scopes.stream().map(s -> (Map<?, ?>) s)
                .filter(s -> name.equals(s.get("name"))).map(s -> s.get("id").toString()).findFirst();
    }

    public boolean clientExists(String clientId) {
        return findClient(clientId).isPresent();
    }

    /** Whether the client exists and may still ask for tokens. */
    public boolean clientEnabled(String clientId) {
        List<?> clients = http.get().uri(keycloak.adminUrl() + "/clients?clientId={c}", clientId)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(List.class);
        return clients != null && !clients.isEmpty() && Boolean.TRUE.equals(((Map<?, ?>) clients.get(0)).get("enabled"));
    }

    private java.util.Optional<String> findClient(String clientId) {
        List<?> clients = http.get().uri(keycloak.adminUrl() + "/clients?clientId={c}", clientId)
                .headers(h -> h.setBearerAuth(serviceToken()))
                .retrieve().body(List.class);
        return clients == null || clients.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(((Map<?, ?>) clients.get(0)).get("id").toString());
    }

    private static Map<String, Object> hardcodedClaim(String claim, String value) {
        return Map.of("name", claim, "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
                "config", Map.of("claim.name", claim, "claim.value", value, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
                        "introspection.token.claim", "true"));
    }

    private static ApiException refused(int status, String body) {
        if (status == 409) {
            return new ApiException(ErrorCode.DUPLICATE, "Keycloak already has such an account: " + body);
        }
        String reason = body;
        try {
            Map<?, ?> error = new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
            Object description = error.get("error_description") != null ? error.get("error_description") : error.get("errorMessage");
            if (description != null) {
                reason = description.toString();
            }
        } catch (Exception notJson) {
            // keep the raw body as the reason
        }
        return new ApiException(ErrorCode.VALIDATION_FAILED, "Keycloak refused the account: " + reason);
    }

    private String serviceToken() {
        return tokens.token(ADMIN_CLIENT);
    }
}
