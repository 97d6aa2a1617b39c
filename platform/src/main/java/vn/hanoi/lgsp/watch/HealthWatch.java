package vn.hanoi.lgsp.watch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.platform.NationalPlatformSettings;
import vn.hanoi.lgsp.status.LgspStatus;

/**
 * The LGSP checked like an agency's system (Đ12): its PostgreSQL, Elasticsearch, Keycloak, SMTP
 * and process engine (the status checks), the engine's failed jobs, the monitoring outbox's lag,
 * and the national platforms it depends on (NDXP, VDXP) when configured. A component that fails opens an incident for DOST; when it answers again the incident is
 * resolved. One node of the cluster checks per round.
 */
@Component
class HealthWatch implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);
    static final String RULE_PREFIX = "component-down:";

    private final LgspStatus status;
    private final LgspIncidents incidents;
    private final MeterRegistry metrics;
    private final ClusterJobs jobs;
    private final WatchSettings settings;
    private final NationalPlatformSettings national;
    private final LgspMaintenance maintenance;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    HealthWatch(LgspStatus status, LgspIncidents incidents, MeterRegistry metrics, ClusterJobs jobs, WatchSettings settings,
                NationalPlatformSettings national, LgspMaintenance maintenance) {
        this.maintenance = maintenance;
        this.status = status;
        this.incidents = incidents;
        this.metrics = metrics;
        this.jobs = jobs;
        this.settings = settings;
        this.national = national;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // the interval comes from a typed setting, which @Scheduled's placeholders cannot read
        registrar.addFixedDelayTask(this::checkNow, settings.healthInterval());
    }

    private void checkNow() {
        if (!jobs.claim("lgsp-health-watch", settings.healthInterval())) {
            return;
        }
        try {
            check();
        } catch (RuntimeException e) {
            log.error("The LGSP's own components could not be checked; next round in {}", settings.healthInterval(), e);
        }
    }

    /** One round: every component's state, an incident opened for each that fails, resolved for each back. */
    List<LgspStatus.Component> check() {
        // the same round of checks the public status page shows, not a second one
        List<LgspStatus.Component> components = new ArrayList<>(status.recentComponents());
        components.add(threshold("job-backlog", "lgsp.jobs.failed", settings.jobBacklogLimit(),
                "process-engine jobs out of retries"));
        components.add(threshold("monitoring-outbox", "lgsp.outbox.lag.seconds", settings.outboxLagLimit().toSeconds(),
                "seconds the oldest monitoring document has waited"));
        if (national.ndxp().configured()) {
            components.add(nationalPlatform("ndxp", national.ndxp()));
        }
        if (national.vdxp().configured()) {
            components.add(nationalPlatform("vdxp", national.vdxp()));
        }
        for (LgspStatus.Component component : components) {
            String rule = RULE_PREFIX + component.name();
            if (component.status() == LgspStatus.State.DOWN && maintenance.active(java.time.Instant.now())) {
                continue; // announced maintenance: expected, and every agency was told
            }
            if (component.status() == LgspStatus.State.DOWN) {
                LgspIncidents.Opened opened = incidents.open(LgspIncidents.Category.HEALTH, rule, component.name(),
                        component.name() + " is failing: " + component.detail());
                if (opened.created()) {
                    log.error("LGSP component {} is failing ({}); incident {} opened for DOST", component.name(),
                            component.detail(), opened.incident().id());
                }
            } else if (incidents.openFor(rule, component.name()).isPresent()) {
                incidents.recovered(rule, component.name(), component.name() + " answers again");
                log.info("LGSP component {} answers again; its incident is resolved", component.name());
            }
        }
        return components;
    }

    /** A national platform as the LGSP reaches it: its level-1 status ({@code GET {url}/status}). */
    private LgspStatus.Component nationalPlatform(String name, NationalPlatformSettings.Endpoint endpoint) {
        long start = System.nanoTime();
        String problem;
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/status"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            problem = answer.statusCode() == 200 ? null : "status answered HTTP " + answer.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        return new LgspStatus.Component(name, problem == null ? LgspStatus.State.UP : LgspStatus.State.DOWN,
                (System.nanoTime() - start) / 1_000_000, problem);
    }

    /** A figure the platform already measures, as a component that fails above its limit. */
    private LgspStatus.Component threshold(String name, String gauge, double limit, String what) {
        Gauge meter = metrics.find(gauge).gauge();
        double value = meter == null ? 0 : meter.value();
        boolean over = !Double.isNaN(value) && value > limit;
        return new LgspStatus.Component(name, over ? LgspStatus.State.DOWN : LgspStatus.State.UP, 0,
                over ? Math.round(value) + " " + what + ", more than " + Math.round(limit) : null);
    }
}
