package vn.hanoi.lgsp.identity;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A citizen as a page shows them: the name as Vietnamese write it, family name first (the realm's
 * "name" claim puts the given name first), and the identification number masked.
 */
public final class CitizenNames {

    private CitizenNames() {
    }

    public static String of(OidcUser citizen) {
        if (citizen.getFamilyName() != null || citizen.getGivenName() != null) {
            return (nullToEmpty(citizen.getFamilyName()) + " " + nullToEmpty(citizen.getGivenName())).strip();
        }
        return nullToEmpty(citizen.getFullName());
    }

    /** An identification number as a screen others may see shows it: the first three and last two digits. */
    public static String masked(String identifier) {
        if (identifier == null || identifier.length() < 6) {
            return "";
        }
        return identifier.substring(0, 3) + "*".repeat(identifier.length() - 5) + identifier.substring(identifier.length() - 2);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
