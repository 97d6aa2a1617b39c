package vn.hanoi.lgsp.identity;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A citizen's name as Vietnamese write it, family name first; the realm's "name" claim puts the given name first. */
public final class CitizenNames {

    private CitizenNames() {
    }

    public static String of(OidcUser citizen) {
        if (citizen.getFamilyName() != null || citizen.getGivenName() != null) {
            return (nullToEmpty(citizen.getFamilyName()) + " " + nullToEmpty(citizen.getGivenName())).strip();
        }
        return nullToEmpty(citizen.getFullName());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
