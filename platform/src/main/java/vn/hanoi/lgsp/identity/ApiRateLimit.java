package vn.hanoi.lgsp.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Positive;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.ratelimit.SharedLimits;

/**
 * Calls per window per client on the agency API, the same on every node (counted by
 * {@link SharedLimits}). The gateway has quotas of its own per grant and is not counted here.
 */
final class ApiRateLimit extends OncePerRequestFilter {

    /**
     * @param window     length of a window
     * @param perClient  calls per window of one client (a system or a staff member)
     * @param clients    limits of particular clients by client id (e.g. a system known to poll hard)
     */
    @ConfigurationProperties("lgsp.api.rate-limit")
    @Validated
    record Settings(@DefaultValue("1m") @DurationMin(millis = 1) Duration window, @DefaultValue("3000") @Positive long perClient,
                    @DefaultValue Map<String, Long> clients) {
    }

    private final SharedLimits limits;
    private final Settings settings;
    private final EnvelopeWriter envelopes;

    ApiRateLimit(SharedLimits limits, Settings settings, EnvelopeWriter envelopes) {
        this.limits = limits;
        this.settings = settings;
        this.envelopes = envelopes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/v1/gateway/") || "/api/v1/status".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AgencyCaller caller = Tokens.caller();
        if (caller != null) {
            String client = caller.clientId();
            long limit = settings.clients().getOrDefault(client, settings.perClient());
            SharedLimits.Decision decision = limits.take("api:" + client, limit, settings.window());
            if (!decision.allowed()) {
                long seconds = decision.retryAfterSeconds();
                response.setHeader("Retry-After", Long.toString(seconds));
                envelopes.write(request, response, ErrorCode.RATE_LIMITED, decision.storeUnavailable()
                        ? "The rate limit cannot be checked at the moment; try again in " + seconds + " s"
                        : "Client " + client + " made more than " + limit + " calls in "
                                + settings.window().toSeconds() + " s; try again in " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

}
