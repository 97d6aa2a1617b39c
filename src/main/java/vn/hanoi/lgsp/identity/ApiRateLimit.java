package vn.hanoi.lgsp.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Calls per window per client on the agency API (R-25), the same on every node: Bucket4j
 * buckets in PostgreSQL, settled every 1 % of the limit or 100 ms. The gateway has quotas of
 * its own per grant and is not counted here.
 */
final class ApiRateLimit extends OncePerRequestFilter {

    /**
     * @param window     length of a window
     * @param perClient  calls per window of one client (a system or a staff member)
     * @param clients    limits of particular clients by client id (e.g. a system known to poll hard)
     */
    @ConfigurationProperties("lgsp.api.rate-limit")
    record Settings(@DefaultValue("1m") Duration window, @DefaultValue("3000") long perClient,
                    @DefaultValue Map<String, Long> clients) {
    }

    private final ProxyManager<String> buckets;
    private final Settings settings;
    private final EnvelopeWriter envelopes;
    private final Cache<String, BucketProxy> local = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    ApiRateLimit(DataSource dataSource, Settings settings, EnvelopeWriter envelopes) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("lgsp.gateway_quota_bucket")
                .build();
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
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            String client = token.getToken().getClaimAsString("azp");
            if (client == null) {
                client = token.getName();
            }
            long limit = settings.clients().getOrDefault(client, settings.perClient());
            String key = "api:" + client + "#" + limit + "/" + settings.window().toMillis();
            ConsumptionProbe probe = local.get(key, k -> build(k, limit)).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
                response.setHeader("Retry-After", Long.toString(seconds));
                envelopes.write(request, response, ErrorCode.RATE_LIMITED, "Client " + client + " made more than "
                        + limit + " calls in " + settings.window().toSeconds() + " s; try again in " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private BucketProxy build(String key, long limit) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillIntervally(limit, settings.window()))
                .build();
        var builder = buckets.builder();
        if (limit > 200) {
            builder = builder.withOptimization(Optimizations.delaying(
                    new DelayParameters(Math.max(1, limit / 100), Duration.ofMillis(100))));
        }
        return builder.build(key, () -> configuration);
    }
}
