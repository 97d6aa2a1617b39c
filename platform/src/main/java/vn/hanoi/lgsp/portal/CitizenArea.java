package vn.hanoi.lgsp.portal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A citizen's or business's page after signing in through VNeID: who the LGSP knows
 * them as. The personal identification number is shown masked, as on a screen others may see.
 */
@Controller
class CitizenArea {

    @GetMapping("/cong-dan")
    String page(@AuthenticationPrincipal OidcUser citizen, Model model) {
        // Vietnamese order, family name first; the realm's "name" claim puts the given name first
        String name = citizen.getFamilyName() != null || citizen.getGivenName() != null
                ? (nullToEmpty(citizen.getFamilyName()) + " " + nullToEmpty(citizen.getGivenName())).strip()
                : nullToEmpty(citizen.getFullName());
        model.addAttribute("name", name);
        model.addAttribute("identifier", masked(citizen.getPreferredUsername()));
        return "portal/citizen";
    }

    static String masked(String identifier) {
        if (identifier == null || identifier.length() < 6) {
            return "";
        }
        return identifier.substring(0, 3) + "*".repeat(identifier.length() - 5) + identifier.substring(identifier.length() - 2);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
