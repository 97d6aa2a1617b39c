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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeycloakAdminEvents.class);

    /** One change: when, by whom (user and client ids as Keycloak knows them), what, on which resource. */
    public record AdminEvent(Instant time, String operation, String resourceType, String resourcePath, String realmId,
                             String userId, String clientId, String ipAddress) {
    }

    static final int PAGE = 200;
    /** One pull reads this many events at most; more since the last pull is reported, as the oldest are not read. */
    static final int MAX_EVENTS = 10_000;

    private final KeycloakSettings keycloak;
    private final RestClient http;
    private final OutboundTokens tokens;

    KeycloakAdminEvents(KeycloakSettings keycloak, RestClient.Builder builder, OutboundTokens tokens, KeycloakAdmin admin) {
        // the admin client's token source is registered by KeycloakAdmin, hence the dependency
        this.keycloak = keycloak;
        this.http = builder.clone().build();
        this.tokens = tokens;
    }

    /** Events at or after {@code from}, oldest first: page after page until one reaches back before it. */
    public List<AdminEvent> since(Instant from) {
        // Keycloak answers newest first; its dateFrom is a day in the server's time zone, so a day earlier is asked
        // for and the exact time filtered here
        String day = from.minus(java.time.Duration.ofDays(1)).toString().substring(0, 10);
        List<AdminEvent> events = new ArrayList<>();
        boolean reachedBack = false;
        for (int first = 0; first < MAX_EVENTS && !reachedBack; first += PAGE) {
            JsonNode page = http.get().uri(keycloak.adminUrl() + "/admin-events?dateFrom={day}&first={first}&max={max}",
                            day, first, PAGE)
                    .headers(h -> h.setBearerAuth(tokens.token("keycloak-admin")))
                    .retrieve().body(JsonNode.class);
            boolean older = false;
            int read = 0;
            for (JsonNode event : page == null ? List.<JsonNode>of() : (Iterable<JsonNode>) page::elements) {
                read++;
                Instant time = Instant.ofEpochMilli(event.path("time").asLong());
                if (time.isBefore(from)) {
                    older = true;
                    continue;
                }
                JsonNode auth = event.path("authDetails");
                events.add(new AdminEvent(time, event.path("operationType").asText(null),
                        event.path("resourceType").asText(null), event.path("resourcePath").asText(null),
                        auth.path("realmId").asText(null), auth.path("userId").asText(null),
                        auth.path("clientId").asText(null), auth.path("ipAddress").asText(null)));
            }
            reachedBack = older || read < PAGE;
        }
        if (!reachedBack) {
            log.error("More than {} Keycloak admin events since {}: the oldest of them were not read", MAX_EVENTS, from);
        }
        events.sort(java.util.Comparator.comparing(AdminEvent::time));
        return events;
    }
}
