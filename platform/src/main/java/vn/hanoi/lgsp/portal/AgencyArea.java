package vn.hanoi.lgsp.portal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.monitoring.StatusHistory;
import vn.hanoi.lgsp.onboarding.ConnectionNeeds;

/**
 * An agency's own page on the portal, for its staff signed in through Keycloak: its
 * registrations and their progress, its connected system and status history, its grants and
 * its consumers, its exchanges (metadata only) and the state of its credentials. The agency is
 * the one in the staff member's token ({@code staff_agency_code}); nothing on the page can ask
 * for another. Secrets are never shown: they are handed out through the API only.
 */
@Controller
class AgencyArea {

    private static final String AGENCY_STAFF = "agency-staff";

    private final AgencyOverview overview;
    private final StatusHistory history;
    private final KeycloakAdmin keycloak;
    private final ConnectionNeeds needs;

    AgencyArea(AgencyOverview overview, StatusHistory history, KeycloakAdmin keycloak, ConnectionNeeds needs) {
        this.needs = needs;
        this.overview = overview;
        this.history = history;
        this.keycloak = keycloak;
    }

    record Credential(String clientId, boolean enabled, boolean revoked) {
    }

    @GetMapping("/co-quan")
    String page(Authentication caller, Model model) {
        AgencyCaller who = AgencyCaller.of(caller);
        String agency = who.staffAgencyCode();
        Set<String> roles = who.roles();
        if (!roles.contains(AGENCY_STAFF) || agency == null || agency.isBlank()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Trang này dành cho cán bộ của một cơ quan kết nối "
                    + "LGSP; tài khoản " + who.name() + " không gắn với cơ quan nào.");
        }
        Instant now = Instant.now();
        model.addAttribute("staff", who.name());
        model.addAttribute("agency", agency);
        model.addAttribute("agencyName", overview.agencyName(agency));
        model.addAttribute("registrations", overview.registrations(agency, true));
        model.addAttribute("requestsToUs", overview.registrations(agency, false));
        model.addAttribute("needs", needs.of(agency));
        model.addAttribute("cancellations", needs.cancellations(agency));
        model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        model.addAttribute("system", overview.system(agency).orElse(null));
        model.addAttribute("uptime", history.uptime(agency, now).get(agency));
        model.addAttribute("checks", history.history(agency, now.minus(Duration.ofDays(1)), now, 20));
        model.addAttribute("grants", overview.grants(agency, true));
        model.addAttribute("consumers", overview.grants(agency, false));
        model.addAttribute("exchanges", overview.exchanges(agency));
        model.addAttribute("exchangesShown", AgencyOverview.EXCHANGES_SHOWN);
        List<String> clients = keycloak.clientsOfAgency(agency);
        var revoked = overview.revoked(clients);
        List<Credential> credentials = new ArrayList<>();
        for (String clientId : clients) {
            credentials.add(new Credential(clientId, keycloak.clientEnabled(clientId), revoked.get(clientId)));
        }
        model.addAttribute("credentials", credentials);
        return "portal/agency";
    }
}
