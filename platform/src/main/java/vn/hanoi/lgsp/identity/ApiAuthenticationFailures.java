package vn.hanoi.lgsp.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;

/** 401 and 403 of the token-protected APIs, in the {@code 01} envelope with a reason. */
final class ApiAuthenticationFailures implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final EnvelopeWriter envelopes;
    private final org.springframework.context.ApplicationEventPublisher events;

    ApiAuthenticationFailures(EnvelopeWriter envelopes, org.springframework.context.ApplicationEventPublisher events) {
        this.envelopes = envelopes;
        this.events = events;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String message;
        if (failure instanceof InvalidBearerTokenException) {
            message = "The access token was rejected: " + reason(failure.getMessage());
        } else if (request.getHeader("Authorization") == null) {
            message = "An access token is required: send 'Authorization: Bearer <token>' with a token issued by the LGSP Keycloak";
        } else {
            message = "The access token was rejected: " + reason(failure.getMessage());
        }
        if (request.getHeader("Authorization") != null) {
            // a token refused is counted per address by the security watch: the token says nothing trustworthy
            events.publishEvent(new vn.hanoi.lgsp.contract.SecuritySignal(vn.hanoi.lgsp.contract.SecuritySignal.AUTH_FAILURE,
                    "network " + network(request.getRemoteAddr()), message));
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"lgsp\"");
        envelopes.write(request, response, ErrorCode.UNAUTHENTICATED, message);
    }

    /**
     * The network an address is in, as the watch counts it: an IPv4 /24 or an IPv6 /64, so that
     * one attacker's neighbouring addresses count together.
     */
    static String network(String address) {
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            int keep = bytes.length == 4 ? 3 : 8;
            for (int i = keep; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            return java.net.InetAddress.getByAddress(bytes).getHostAddress() + (bytes.length == 4 ? "/24" : "/64");
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String reason(String detail) {
        if (detail == null) {
            return "it is not a valid token";
        }
        String lower = detail.toLowerCase();
        if (lower.contains("expired")) {
            return "it has expired; request a new one";
        }
        if (lower.contains("signature") || lower.contains("signed jwt rejected") || lower.contains("another algorithm")) {
            return "its signature does not match the LGSP Keycloak's keys";
        }
        if (lower.contains("malformed")) {
            return "it is not a well-formed JWT";
        }
        return detail;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        envelopes.write(request, response, ErrorCode.FORBIDDEN, "Your credentials do not allow this call");
    }
}
