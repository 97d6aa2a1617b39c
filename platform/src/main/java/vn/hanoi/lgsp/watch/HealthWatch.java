package vn.hanoi.lgsp.watch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.status.LgspStatus;

/**
 * The LGSP checked like an agency's system (Đ12): its PostgreSQL, Elasticsearch, Keycloak, SMTP
 * and process engine (the status checks), the engine's failed jobs and the monitoring outbox's
 * lag. A component that fails opens an incident for DOST; when it answers again the incident is
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

    HealthWatch(LgspStatus status, LgspIncidents incidents, MeterRegistry metrics, ClusterJobs jobs, WatchSettings settings) {
        this.status = status;
        this.incidents = incidents;
        this.metrics = metrics;
        this.jobs = jobs;
        this.settings = settings;
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
        List<LgspStatus.Component> components = new ArrayList<>(status.components());
        components.add(threshold("job-backlog", "lgsp.jobs.failed", settings.jobBacklogLimit(),
                "process-engine jobs out of retries"));
        components.add(threshold("monitoring-outbox", "lgsp.outbox.lag.seconds", settings.outboxLagLimit().toSeconds(),
                "seconds the oldest monitoring document has waited"));
        for (LgspStatus.Component component : components) {
            String rule = RULE_PREFIX + component.name();
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

    /** A figure the platform already measures, as a component that fails above its limit. */
    private LgspStatus.Component threshold(String name, String gauge, double limit, String what) {
        Gauge meter = metrics.find(gauge).gauge();
        double value = meter == null ? 0 : meter.value();
        boolean over = !Double.isNaN(value) && value > limit;
        return new LgspStatus.Component(name, over ? LgspStatus.State.DOWN : LgspStatus.State.UP, 0,
                over ? Math.round(value) + " " + what + ", more than " + Math.round(limit) : null);
    }
}
