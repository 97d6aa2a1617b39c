package vn.hanoi.lgsp.portal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.hanoi.lgsp.identity.CitizenNames;

/**
 * A citizen's or business's page after signing in through VNeID: who the LGSP knows
 * them as. The personal identification number is shown masked, as on a screen others may see.
 */
@Controller
class CitizenArea {

    @GetMapping("/cong-dan")
    String page(@AuthenticationPrincipal OidcUser citizen, Model model) {
        model.addAttribute("name", CitizenNames.of(citizen));
        model.addAttribute("identifier", CitizenNames.masked(citizen.getPreferredUsername()));
        return "portal/citizen";
    }
}
