package vn.hanoi.lgsp.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.hanoi.lgsp.http.OutboundTokens;

/**
 * What administrators changed in the staff and agencies' realm (Đ7.7): Keycloak's admin events,
 * read with the platform's service account (role {@code view-events}), oldest first.
 */
@Component
public class KeycloakAdminEvents {

    /** One change: when, by whom (user and client ids as Keycloak knows them), what, on which resource. */
    public record AdminEvent(Instant time, String operation, String resourceType, String resourcePath, String realmId,
                             String userId, String clientId, String ipAddress) {
    }

    static final int PAGE = 200;

    private final KeycloakSettings keycloak;
    private final RestClient http;
    private final OutboundTokens tokens;

    KeycloakAdminEvents(KeycloakSettings keycloak, RestClient.Builder builder, OutboundTokens tokens, KeycloakAdmin admin) {
        // the admin client's token source is registered by KeycloakAdmin, hence the dependency
        this.keycloak = keycloak;
        this.http = builder.clone().build();
        this.tokens = tokens;
    }

    /** Events at or after {@code from}, oldest first, at most one page of {@value #PAGE}. */
    public List<AdminEvent> since(Instant from) {
        // Keycloak answers newest first; its dateFrom is a day in the server's time zone, so a day earlier is asked
        // for and the exact time filtered here
        JsonNode page = http.get().uri(keycloak.adminUrl() + "/admin-events?dateFrom={day}&first=0&max={max}",
                        from.minus(java.time.Duration.ofDays(1)).toString().substring(0, 10), PAGE)
                .headers(h -> h.setBearerAuth(tokens.token("keycloak-admin")))
                .retrieve().body(JsonNode.class);
        List<AdminEvent> events = new ArrayList<>();
        if (page != null) {
            for (JsonNode event : page) {
                Instant time = Instant.ofEpochMilli(event.path("time").asLong());
                if (time.isBefore(from)) {
                    continue;
                }
                JsonNode auth = event.path("authDetails");
                events.add(new AdminEvent(time, event.path("operationType").asText(null),
                        event.path("resourceType").asText(null), event.path("resourcePath").asText(null),
                        auth.path("realmId").asText(null), auth.path("userId").asText(null),
                        auth.path("clientId").asText(null), auth.path("ipAddress").asText(null)));
            }
        }
        events.sort(java.util.Comparator.comparing(AdminEvent::time));
        return events;
    }
}
