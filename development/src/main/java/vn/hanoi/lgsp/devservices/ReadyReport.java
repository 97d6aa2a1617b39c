package vn.hanoi.lgsp.devservices;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.platform.KeycloakRealm;

/**
 * Tells whoever started the platform where everything is, how long start-up took and how
 * much memory the whole stack holds.
 */
@Component
class ReadyReport {

    private static final Logger log = LoggerFactory.getLogger(ReadyReport.class);

    private final Environment environment;
    private final KeycloakRealm keycloakRealm;
    private final DevServicesSettings devServices;

    ReadyReport(Environment environment, KeycloakRealm keycloakRealm, DevServicesSettings devServices) {
        this.environment = environment;
        this.keycloakRealm = keycloakRealm;
        this.devServices = devServices;
    }

    /** When started by {@code ./mvnw spring-boot:run}, the Maven process started when the command was run. */
    private static java.util.Optional<java.time.Instant> launcherStart() {
        return ProcessHandle.current().parent()
                .filter(parent -> parent.info().commandLine().map(c -> c.contains("plexus-classworlds")).orElse(false))
                .flatMap(parent -> parent.info().startInstant());
    }

    @EventListener(ApplicationReadyEvent.class)
    void report(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String host = environment.getProperty("server.address", "127.0.0.1");
        String base = "http://" + host + ":" + web.getWebServer().getPort();
        Duration sinceJvmStart = Duration.ofMillis(System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime());
        long platformRss = ResidentMemory.of(ProcessHandle.current().pid());
        long serversRss = DevServices.current().map(DevServices::serversResidentBytes).orElse(0L);
        String keycloak = keycloakRealm.url();
        StringBuilder report = new StringBuilder("\n\n  LGSP Hà Nội is ready\n");
        report.append(String.format("    Portal          %s/%n", base));
        report.append(String.format("    Tasklist        %s/camunda/app/tasklist/%n", base));
        report.append(String.format("    Cockpit         %s/camunda/app/cockpit/%n", base));
        report.append(String.format("    Admin           %s/camunda/app/admin/%n", base));
        report.append(String.format("    Agency API      %s/api/v1  (status: %s/api/v1/status)%n", base, base));
        report.append(String.format("    Keycloak        %s/admin/  (realm: %s/realms/%s)%n", keycloak, keycloak,
                keycloakRealm.realm()));
        report.append(String.format("    Elasticsearch   %s%n", environment.getProperty("spring.elasticsearch.uris")));
        report.append(String.format("    SMTP            %s:%s%n", environment.getProperty("spring.mail.host"),
                environment.getProperty("spring.mail.port")));
        if (DevServices.current().isPresent()) {
            report.append(String.format("    Server data     %s%n", DevServices.current().get().home()));
            report.append("  Demo logins (password HaNoi#2025): lgsp-admin, reviewer, leader, operator, supervisor, staff.stp, staff.hk, analyst\n");
            if (DevServices.current().get().started("keycloak")) {
                report.append(String.format("  Keycloak admin console: %s / %s%n",
                        devServices.keycloak().adminUsername(), devServices.keycloak().adminPassword()));
            }
        }
        String sinceCommand = launcherStart().map(start -> String.format(" (%.1f s since the command was run)",
                Duration.between(start, java.time.Instant.now()).toMillis() / 1000.0)).orElse("");
        report.append(String.format("  Ready in %.1f s since the JVM started%s; resident memory: platform %d MiB + servers %d MiB = %d MiB%n",
                sinceJvmStart.toMillis() / 1000.0, sinceCommand, platformRss >> 20, serversRss >> 20,
                (platformRss + serversRss) >> 20));
        log.info(report.toString());
    }
}
