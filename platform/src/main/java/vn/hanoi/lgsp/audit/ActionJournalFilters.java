package vn.hanoi.lgsp.audit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * Every call of an agency system, a staff member or the platform's workers on the agency API,
 * and every change made through the engine's APIs (task completions, claims, Cockpit's
 * operations), becomes a journal entry: who, what, on what, when, outcome. Paths are kept, query
 * strings and bodies never (they may hold personal data); gateway calls journal themselves.
 * <p>
 * Two filters: one inside Spring Security notes who the caller is, one outside writes the entry
 * once the answer is known — refusals of Spring Security itself (401) included.
 */
@Configuration(proxyBeanMethods = false)
class ActionJournalFilters {

    static final String ACTOR_ATTRIBUTE = ActionJournalFilters.class.getName() + ".actor";

    record Actor(AuditEntry.ActorKind kind, String name, String agencyCode) {
        static final Actor ANONYMOUS = new Actor(AuditEntry.ActorKind.ANONYMOUS, "anonymous", null);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> actionJournal(AuditJournal journal) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Writer(journal));
        registration.setName("action-journal");
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> actionJournalActor() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new ActorCapture());
        registration.setName("action-journal-actor");
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Who the caller is, from what Spring Security verified. */
    static Actor actorOf(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof AgencyCaller caller) {
            if (caller.agencySystem()) {
                return new Actor(AuditEntry.ActorKind.AGENCY_SYSTEM, caller.clientId(), caller.agencyCode());
            }
            if (caller.hasRole("lgsp-worker")) {
                return new Actor(AuditEntry.ActorKind.PLATFORM, caller.clientId(), null);
            }
            if (caller.hasRole("national-platform")) {
                return new Actor(AuditEntry.ActorKind.NATIONAL_PLATFORM, caller.clientId(), null);
            }
            return new Actor(AuditEntry.ActorKind.STAFF, caller.name(), null);
        }
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof OidcUser user) {
            String name = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
            return new Actor(AuditEntry.ActorKind.STAFF, name, null);
        }
        return Actor.ANONYMOUS;
    }

    private static final class ActorCapture extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            request.setAttribute(ACTOR_ATTRIBUTE, actorOf(SecurityContextHolder.getContext().getAuthentication()));
            chain.doFilter(request, response);
        }
    }

    private static final class Writer extends OncePerRequestFilter {

        private final AuditJournal journal;

        Writer(AuditJournal journal) {
            this.journal = journal;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Instant at = Instant.now();
            int status = 500;
            try {
                chain.doFilter(request, response);
                status = response.getStatus();
            } finally {
                if (journaled(request)) {
                    write(request, status, at);
                }
            }
        }

        private static boolean journaled(HttpServletRequest request) {
            if (request.getAttribute(TransactionIds.RECORDED_ATTRIBUTE) != null) {
                return false;
            }
            String uri = request.getRequestURI();
            String method = request.getMethod();
            if (uri.startsWith("/api/")) {
                // the public status page is polled by monitors; it touches no data
                return !uri.equals("/api/v1/status");
            }
            // the engine's APIs: changes only (Tasklist and the workers poll all the time)
            boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
            return !read && !uri.endsWith("/external-task/fetchAndLock") && !uri.endsWith("/extendLock");
        }

        private void write(HttpServletRequest request, int status, Instant at) {
            Actor actor = request.getAttribute(ACTOR_ATTRIBUTE) instanceof Actor known ? known : Actor.ANONYMOUS;
            String uri = request.getRequestURI();
            String family = uri.startsWith("/api/") ? "api" : "engine";
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("method", request.getMethod());
            details.put("status", status);
            Object error = request.getAttribute(TransactionIds.ERROR_ATTRIBUTE);
            if (error != null) {
                details.put("error", error.toString());
            }
            String target = uri.startsWith("/api/v1/gateway/") ? gatewayPrefix(uri) : uri;
            journal.append(new AuditEntry(at, actor.kind(), actor.name(), actor.agencyCode(),
                    family + "." + request.getMethod().toLowerCase(java.util.Locale.ROOT), truncate(target, 300),
                    status < 400 ? "00" : "01", TransactionIds.of(request), details));
        }

        /** A gateway path carries the provider's own path, identifiers included: only service and version are kept. */
        private static String gatewayPrefix(String uri) {
            String[] parts = uri.substring("/api/v1/gateway/".length()).split("/", 3);
            return "/api/v1/gateway/" + (parts.length >= 2 ? parts[0] + "/" + parts[1] : parts[0]);
        }

        private static String truncate(String value, int max) {
            return value.length() <= max ? value : value.substring(0, max);
        }
    }
}
