package vn.hanoi.lgsp.identity;

import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.ratelimit.SharedLimits;

/**
 * Three doors, three kinds of caller:
 * <ul>
 *   <li>{@code /api/**} — agency systems and staff tools with Keycloak bearer tokens;</li>
 *   <li>{@code /engine-rest/**} — Camunda's REST API, bearer tokens, acting as the token's user;</li>
 *   <li>everything else — staff in a browser: Cockpit, Tasklist, Admin through Keycloak SSO.</li>
 * </ul>
 * The supervisors' monitoring API answers both: a bearer token, or (read only) the session of
 * a staff member signed in to Cockpit, whose dashboards call it from the page.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** The portal's public pages and their assets; GET only. */
    static final java.util.List<String> PUBLIC_PORTAL = java.util.List.of("/dich-vu", "/dich-vu/**", "/thong-bao",
            "/thong-bao/**", "/bao-cao", "/trang-thai", "/bieu-mau", "/huong-dan-ket-noi", "/api-nen-tang",
            "/api-nen-tang/**", "/portal/**", "/webjars/swagger-ui/**", "/favicon.ico");

    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * No observation of every security filter on every call: with one it wraps each filter of
     * each chain per request, a measurable share of the gateway's CPU under load (bench/gateway).
     * HTTP requests are still observed as a whole (http.server.requests).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * Failed authentications are published as events (what security monitoring listens to);
     * successes are not: one event per API call, through every listener, is load for nothing.
     */
    @Bean
    org.springframework.security.authentication.AuthenticationEventPublisher authenticationEventPublisher(
            org.springframework.context.ApplicationEventPublisher events) {
        org.springframework.security.authentication.DefaultAuthenticationEventPublisher failures =
                new org.springframework.security.authentication.DefaultAuthenticationEventPublisher(events);
        return new org.springframework.security.authentication.AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(org.springframework.security.core.Authentication authentication) {
                // not published: see above
            }

            @Override
            public void publishAuthenticationFailure(org.springframework.security.core.AuthenticationException exception,
                                                     org.springframework.security.core.Authentication authentication) {
                failures.publishAuthenticationFailure(exception, authentication);
            }
        };
    }

    /**
     * Cockpit's LGSP dashboards call {@code /api/v1/monitoring/**} with the signed-in staff
     * member's session cookie. Only GET is let through, so a page elsewhere cannot make the
     * browser change anything (no CSRF); a request with an Authorization header goes to the
     * token chain instead. Who may see which agency is decided by the controller (Viewer).
     */
    @Bean
    @Order(0)
    SecurityFilterChain monitoringForSignedInStaff(HttpSecurity http, EnvelopeWriter envelopes,
                                                   org.springframework.context.ApplicationEventPublisher events)
            throws Exception {
        ApiAuthenticationFailures failures = new ApiAuthenticationFailures(envelopes, events);
        org.springframework.security.web.util.matcher.RequestMatcher withoutBearer =
                request -> request.getHeader(org.springframework.http.HttpHeaders.AUTHORIZATION) == null;
        http.securityMatcher(new org.springframework.security.web.util.matcher.AndRequestMatcher(
                        path("/api/v1/monitoring/**"), withoutBearer))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(org.springframework.http.HttpMethod.GET, "/api/v1/monitoring/**"))
                        // a citizen's session reaches none of it, whatever a controller checks
                        .access(StaffOrCitizen::staffOnly)
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(failures).accessDeniedHandler(failures));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain agencyApi(HttpSecurity http, EnvelopeWriter envelopes,
                                  Converter<Jwt, AbstractAuthenticationToken> tokens, SharedLimits limits,
                                  ApiRateLimit.Settings rateLimit,
                                  org.springframework.context.ApplicationEventPublisher events) throws Exception {
        ApiAuthenticationFailures failures = new ApiAuthenticationFailures(envelopes, events);
        http.securityMatcher(path("/api/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // level-1 status answers anyone at once (Appendix 01 §2.3)
                        .requestMatchers(path("/api/v1/status")).permitAll()
                        // the LGSP's notices are public, as on the portal (App1 §3.4-3.5)
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(org.springframework.http.HttpMethod.GET, "/api/v1/notices")).permitAll()
                        // the API's own description, as the connection guide publishes it (Đ14)
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(org.springframework.http.HttpMethod.GET, "/api/v1/openapi.json")).permitAll()
                        // published periodic reports too (R-21): drafts are never served
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(org.springframework.http.HttpMethod.GET, "/api/v1/reports")).permitAll()
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(org.springframework.http.HttpMethod.GET, "/api/v1/reports/*/*")).permitAll()
                        // the monitoring system's client reads metrics, nothing of the API
                        .anyRequest().access(SecurityConfiguration::notMetricsOnly))
                .oauth2ResourceServer(bearerTokens(tokens, failures))
                .exceptionHandling(e -> e.authenticationEntryPoint(failures).accessDeniedHandler(failures))
                .addFilterAfter(new AgencyCodeFilter(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new TestEnvironmentFilter(envelopes, events), AgencyCodeFilter.class)
                .addFilterAfter(new ApiRateLimit(limits, rateLimit, envelopes), TestEnvironmentFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain engineRest(HttpSecurity http, EnvelopeWriter envelopes, IdentityService identityService,
                                   Converter<Jwt, AbstractAuthenticationToken> tokens, WorkerTopics workerTopics,
                                   org.camunda.bpm.engine.ExternalTaskService externalTasks,
                                   org.springframework.context.ApplicationEventPublisher events) throws Exception {
        ApiAuthenticationFailures failures = new ApiAuthenticationFailures(envelopes, events);
        http.securityMatcher(path("/engine-rest/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .oauth2ResourceServer(bearerTokens(tokens, failures))
                .addFilterAfter(new EngineRestIdentityFilter(identityService, envelopes,
                        new WorkerEngineAccess(workerTopics, externalTasks)), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Operators' metrics for a monitoring system (Prometheus scrapes with OAuth2 client
     * credentials): the {@code lgsp-metrics} client's role {@code metrics-reader}, or a DOST
     * operator's token; nothing else of the actuator but health is reachable without sign-in.
     */
    @Bean
    @Order(3)
    SecurityFilterChain operatorsMetrics(HttpSecurity http, EnvelopeWriter envelopes,
                                         Converter<Jwt, AbstractAuthenticationToken> tokens,
                                         org.springframework.context.ApplicationEventPublisher events) throws Exception {
        ApiAuthenticationFailures failures = new ApiAuthenticationFailures(envelopes, events);
        http.securityMatcher(path("/actuator/prometheus"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(org.springframework.http.HttpMethod.GET, "/actuator/prometheus"))
                        .hasAnyRole("metrics-reader", "dost-operator")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(bearerTokens(tokens, failures))
                .exceptionHandling(e -> e.authenticationEntryPoint(failures).accessDeniedHandler(failures));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain staffWebApps(HttpSecurity http, ClientRegistrationRepository registrations,
                                     vn.hanoi.lgsp.audit.AuditJournal journal, KeycloakSettings keycloak)
            throws Exception {
        SignInJournal signIns = new SignInJournal(journal);
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        String staffIssuer = keycloak.issuer();
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**"), path("/error")).permitAll()
                        // the portal's public pages (Đ14): read only, nothing that needs a sign-in
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(org.springframework.http.HttpMethod.GET, "/")).permitAll()
                        .requestMatchers(PUBLIC_PORTAL.stream().flatMap(p -> java.util.stream.Stream.of(
                                        PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.GET, p),
                                        PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.HEAD, p)))
                                .toArray(org.springframework.security.web.util.matcher.RequestMatcher[]::new)).permitAll()
                        // a citizen's session opens the citizens' pages only; staff's everything else
                        .requestMatchers(path("/cong-dan"), path("/cong-dan/**")).access(StaffOrCitizen::citizenOnly)
                        .anyRequest().access(StaffOrCitizen::staffOnly))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new org.springframework.security.web.authentication
                                .LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + StaffOrCitizen.CITIZEN),
                                new org.springframework.security.web.util.matcher.OrRequestMatcher(
                                        path("/cong-dan"), path("/cong-dan/**")))
                        .defaultAuthenticationEntryPointFor(new org.springframework.security.web.authentication
                                .LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + StaffOrCitizen.STAFF),
                                org.springframework.security.web.util.matcher.AnyRequestMatcher.INSTANCE))
                // Camunda's web apps carry their own CSRF protection (CsrfPreventionFilter); the citizens'
                // forms are the platform's own, and a page elsewhere must not post them in the citizen's name
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(PathPatternRequestMatcher.withDefaults()
                        .matcher(org.springframework.http.HttpMethod.POST, "/cong-dan/**")))
                .oauth2Login(login -> login.successHandler(signIns.onSuccess()).failureHandler(signIns.onFailure())
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(
                                StaffOrCitizen.straightToVneid(registrations)))
                        .userInfoEndpoint(info -> info.userAuthoritiesMapper(granted -> withRealmRoles(granted,
                                staffIssuer))))
                .logout(l -> l.logoutRequestMatcher(path("/logout")).logoutSuccessHandler(logout));
        return http.build();
    }

    /** Every token chain reads bearer tokens the same way and makes the same caller of them. */
    private static Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> bearerTokens(
            Converter<Jwt, AbstractAuthenticationToken> tokens, ApiAuthenticationFailures failures) {
        return rs -> rs
                .bearerTokenResolver(FastHeaderChecks.bearerTokens())
                .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                .authenticationEntryPoint(failures)
                .accessDeniedHandler(failures);
    }

    private static org.springframework.security.authorization.AuthorizationDecision notMetricsOnly(
            java.util.function.Supplier<org.springframework.security.core.Authentication> authentication,
            org.springframework.security.web.access.intercept.RequestAuthorizationContext context) {
        org.springframework.security.core.Authentication caller = authentication.get();
        boolean signedIn = caller != null && caller.isAuthenticated()
                && !(caller instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
        // metrics-reader is the monitoring system's role alone: its token opens no API
        return new org.springframework.security.authorization.AuthorizationDecision(signedIn
                && !AgencyCaller.of(caller).hasRole("metrics-reader"));
    }

    /** A signed-in staff member holds the same {@code ROLE_<role>} authorities as their bearer token would. */
    private static java.util.Collection<org.springframework.security.core.GrantedAuthority> withRealmRoles(
            java.util.Collection<? extends org.springframework.security.core.GrantedAuthority> granted,
            String staffIssuer) {
        java.util.Set<org.springframework.security.core.GrantedAuthority> mapped = new java.util.LinkedHashSet<>(granted);
        for (var authority : granted) {
            // only the staff realm's roles mean anything here: the citizens' realm grants none of the platform's
            if (authority instanceof org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority oidc
                    && oidc.getIdToken().getIssuer() != null
                    && staffIssuer.equals(oidc.getIdToken().getIssuer().toString())) {
                for (String role : TokenClaims.realmRoles(oidc.getIdToken().getClaims())) {
                    mapped.add(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + role));
                }
            }
        }
        return mapped;
    }

    @Bean
    WebSecurityCustomizer fastFirewall() {
        return web -> web.httpFirewall(FastHeaderChecks.firewall());
    }

    /** Tasks are completed with their own form's fields only, from Tasklist and the REST API alike. */
    @Bean
    FilterRegistrationBean<TaskCompletionGuard> taskCompletionGuard(org.camunda.bpm.engine.TaskService tasks,
                                                                     org.camunda.bpm.engine.FormService forms,
                                                                     IdentityService identity, EnvelopeWriter envelopes) {
        FilterRegistrationBean<TaskCompletionGuard> registration =
                new FilterRegistrationBean<>(new TaskCompletionGuard(tasks, forms, identity, envelopes));
        registration.setName("task-completion-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        // after the caller is known: an anonymous call gets its 401 first
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }

    /** Camunda's web apps take the user Spring Security logged in (container-based authentication). */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaContainerAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camunda-container-authentication");
        registration.addInitParameter("authentication-provider", SpringSecurityAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        // after Spring Security has put the logged-in user in the security context
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
