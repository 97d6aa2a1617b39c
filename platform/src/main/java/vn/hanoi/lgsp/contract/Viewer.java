package vn.hanoi.lgsp.contract;

import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * Who looks at monitoring data, and which agencies they may see (R-20, Đ12.1): supervisors and
 * DOST see every agency; an agency's own staff only theirs, and where a page allows it an
 * agency's own system only its agency. Decided here, on the server, for every request: a page
 * only shows what it was given.
 *
 * @param agency null for every agency, else the one agency this viewer may see
 */
public record Viewer(String name, String agency) {

    private static final Set<String> CITY_WIDE = Set.of("supervisor", "dost-operator", "dost-leader");
    private static final String AGENCY_STAFF = "agency-staff";

    /** Supervisors, DOST, or an agency's own staff; anyone else is refused. */
    public static Viewer of(Authentication caller) {
        AgencyCaller who = AgencyCaller.of(caller);
        Set<String> roles = who.roles();
        if (roles.stream().anyMatch(CITY_WIDE::contains)) {
            return new Viewer(who.name(), null);
        }
        String agency = who.staffAgencyCode();
        if (roles.contains(AGENCY_STAFF) && agency != null && !agency.isBlank()) {
            return new Viewer(who.name(), agency);
        }
        throw new ApiException(ErrorCode.FORBIDDEN,
                "The monitoring dashboards are for supervisors, DOST and an agency's own staff");
    }

    /** As {@link #of}, and an agency's system too, for its own agency. */
    public static Viewer staffOrSystem(Authentication caller, String refusal) {
        AgencyCaller who = AgencyCaller.of(caller);
        if (who.agencyCode() != null && !who.testCredential()) {
            return new Viewer(who.name(), who.agencyCode());
        }
        try {
            return of(caller);
        } catch (ApiException e) {
            throw new ApiException(ErrorCode.FORBIDDEN, refusal);
        }
    }

    public boolean cityWide() {
        return agency == null;
    }

    /**
     * The agency a request is narrowed to: what was asked for when the viewer may see it, the
     * viewer's own agency when nothing was asked; another agency's data is refused.
     */
    public String narrow(String requested) {
        String asked = requested == null || requested.isBlank() ? null : requested.trim();
        if (cityWide()) {
            return asked;
        }
        if (asked != null && !asked.equals(agency)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "You may see the figures of " + agency + " only");
        }
        return agency;
    }

    /** Whether the viewer may see something between these two agencies. */
    public boolean sees(String source, String destination) {
        return cityWide() || agency.equals(source) || agency.equals(destination);
    }
}
