package vn.hanoi.lgsp.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.agency.AgencyCode;
import vn.hanoi.lgsp.agency.InvalidAgencyCodeException;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Who a gateway call is made for (R-08, R-25, Đ6.1.4.c).
 *
 * <p>An agency's system calls with its own client credentials: the consumer is the token's
 * {@code agency_code}. A ministry or another province calls through NDXP: NDXP presents its own
 * credential (realm role {@code national-platform}) and asserts the calling member in
 * {@code X-Road-Client: VN:GOV:<member code>:<subsystem>}; the consumer is that member code.
 * The header is believed from NDXP alone. Anyone else who sends it is refused rather than
 * ignored, so that a system trying to speak for another body is told so and the attempt is
 * journalled. Hanoi's own bodies call directly, never through NDXP.
 */
final class GatewayCaller {

    static final String XROAD_CLIENT = "X-Road-Client";
    static final String XROAD_ID = "X-Road-Id";
    static final String NATIONAL_ROLE = "national-platform";
    private static final Pattern MEMBER = Pattern.compile("VN:GOV:([0-9A-Z.]{1,35}):([A-Za-z0-9._-]{1,64})");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private GatewayCaller() {
    }

    /**
     * Fills in the call's client, consumer and environment, and for a call through NDXP the
     * member that made it and NDXP's message id; refuses a call it cannot attribute.
     */
    static AccessGrant.Environment identify(AgencyCaller caller, HttpServletRequest request, GatewayCall call) {
        call.client = caller.clientId();
        List<String> asserted = Collections.list(request.getHeaders(XROAD_CLIENT));
        if (caller.hasRole(NATIONAL_ROLE)) {
            if (caller.agencySystem()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "A credential that is both NDXP's and an agency's is not "
                        + "accepted at the gateway");
            }
            call.consumer = member(asserted);
            call.xroadClient = asserted.get(0);
            String messageId = request.getHeader(XROAD_ID);
            call.xroadId = messageId != null && MESSAGE_ID.matcher(messageId).matches() ? messageId : null;
        } else {
            // known first, so that an attempt to speak for another body is journalled against the one that made it
            call.consumer = caller.requireAgency("The gateway is for agency systems: the token carries no agency_code "
                    + "(use your system's client credentials)");
            if (!asserted.isEmpty()) {
                throw new ApiException(ErrorCode.FORBIDDEN, XROAD_CLIENT + " is asserted only by NDXP, with NDXP's "
                        + "credential; an agency's system calls with its own credential and without " + XROAD_CLIENT);
            }
        }
        AccessGrant.Environment environment = environmentOf(caller);
        call.environment = environment;
        return environment;
    }

    /**
     * Only a version DOST offered to NDXP is callable from outside Hanoi (Đ6.1.4.c): through NDXP,
     * and likewise with a credential a body outside the city holds itself.
     */
    static void checkReach(Route route, GatewayCall call) {
        if (!route.offeredToNdxp() && outsideHanoi(call.consumer)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Version " + route.version() + " of " + route.service()
                    + " is not offered to NDXP: organisations outside Hanoi reach only the versions the city offers "
                    + "through NDXP (Đ6.1.4.c)");
        }
    }

    private static String member(List<String> asserted) {
        if (asserted.isEmpty()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A call through NDXP names the calling organisation in "
                    + XROAD_CLIENT + ": VN:GOV:<member code>:<subsystem>; this one names none");
        }
        if (asserted.size() > 1) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A call through NDXP names one calling organisation; this one "
                    + "has " + asserted.size() + " " + XROAD_CLIENT + " headers");
        }
        Matcher matcher = MEMBER.matcher(asserted.get(0));
        if (!matcher.matches()) {
            throw new ApiException(ErrorCode.FORBIDDEN, XROAD_CLIENT + " must read VN:GOV:<member code>:<subsystem>, "
                    + "e.g. VN:GOV:000.00.00.H41:LGSP");
        }
        AgencyCode code;
        try {
            code = AgencyCode.parse(matcher.group(1));
        } catch (InvalidAgencyCodeException e) {
            throw new ApiException(ErrorCode.FORBIDDEN, "The member code in " + XROAD_CLIENT + " is not an electronic "
                    + "identifier code: " + e.getMessage());
        }
        if (code.isEnterprise()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A VN:GOV member is a state body; " + code
                    + " is an enterprise's registration number");
        }
        if (code.isHanoi()) {
            throw new ApiException(ErrorCode.FORBIDDEN, code + " is a Hanoi body: the city's agencies call the gateway "
                    + "directly with their own credentials, not through NDXP");
        }
        return code.value();
    }

    /** Whether the consumer is a state body outside the city; a code that cannot be read counts as outside. */
    private static boolean outsideHanoi(String consumer) {
        // the city's codes are the usual case, answered without parsing on the gateway's hot path
        if (consumer.endsWith(".H26") || consumer.endsWith(".K26")) {
            return false;
        }
        try {
            return !AgencyCode.parse(consumer).isEnterprise();
        } catch (InvalidAgencyCodeException e) {
            return true;
        }
    }

    /**
     * {@code lgsp_environment} of the credential; agency clients made before environments existed
     * are production ones, and so is NDXP's unless its token says otherwise.
     */
    private static AccessGrant.Environment environmentOf(AgencyCaller caller) {
        return switch (caller.environment()) {
            case PRODUCTION -> AccessGrant.Environment.PRODUCTION;
            case TEST -> AccessGrant.Environment.TEST;
            case UNKNOWN -> throw new ApiException(ErrorCode.FORBIDDEN, "The credential names an unknown environment: "
                    + caller.environmentClaim());
        };
    }
}
