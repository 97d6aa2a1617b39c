package vn.hanoi.lgsp.installation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import vn.hanoi.lgsp.platform.MigrationSettings;
import vn.hanoi.lgsp.platform.PlatformSettings;
import vn.hanoi.lgsp.platform.Role;
import vn.hanoi.lgsp.agency.EndpointPolicy;
import vn.hanoi.lgsp.audit.JournalSettings;
import vn.hanoi.lgsp.gateway.GatewaySettings;
import vn.hanoi.lgsp.identity.CitizensSettings;
import vn.hanoi.lgsp.identity.KeycloakSettings;
import vn.hanoi.lgsp.sealing.SealingSettings;
import vn.hanoi.lgsp.platform.NationalPlatformSettings;
import vn.hanoi.lgsp.workers.WorkerSettings;

/**
 * A start without the development profile is a real installation: it gets no development
 * servers, simulators or demo data, and it refuses to start while a server or secret it needs is
 * missing, or while a secret is one of the published demo values (the realm file's client
 * secrets, the dev services' keys, the demo staff password).
 * <p>
 * It runs before any bean exists, so it binds the settings records itself; Spring's own
 * settings ({@code spring.*}) are read by name.
 */
public final class ProductionSettingsCheck {

    static final String PUBLISHED_DEMO_SECRETS = "/installation/published-demo-secrets.txt";

    /** Spring's settings naming the real servers; production names every one, and Keycloak's URL. */
    static final List<String> SPRING_SERVERS = List.of("spring.datasource.url", "spring.elasticsearch.uris",
            "spring.mail.host");

    private ProductionSettingsCheck() {
    }

    /** @throws IllegalStateException naming every setting to fix */
    public static void check(Environment environment) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The platform will not start as a production installation:\n  - "
                    + String.join("\n  - ", problems)
                    + "\nFor a development run with its own servers, simulators and demo data, start it with the "
                    + "'dev' profile (./mvnw spring-boot:run -Dspring-boot.run.profiles=dev, or "
                    + "SPRING_PROFILES_ACTIVE=dev). README, \"Production\", lists every setting.");
        }
    }

    /** The records this check reads, bound as the context would bind them. */
    private record Settings(PlatformSettings platform, KeycloakSettings keycloak, WorkerSettings workers,
                            GatewaySettings gateway, CitizensSettings citizens, SealingSettings sealing,
                            JournalSettings journal, EndpointPolicy.Settings endpoints, NationalPlatformSettings national,
                            MigrationSettings migrations) {

        static Settings of(Environment environment) {
            Binder binder = Binder.get(environment);
            return new Settings(PlatformSettings.of(environment),
                    binder.bindOrCreate("lgsp.keycloak", KeycloakSettings.class),
                    binder.bindOrCreate("lgsp.workers", WorkerSettings.class),
                    binder.bindOrCreate("lgsp.gateway", GatewaySettings.class),
                    binder.bindOrCreate("lgsp.citizens", CitizensSettings.class),
                    binder.bindOrCreate("lgsp.exchange", SealingSettings.class),
                    binder.bindOrCreate("lgsp.audit", JournalSettings.class),
                    binder.bindOrCreate("lgsp.endpoints", EndpointPolicy.Settings.class),
                    binder.bindOrCreate("lgsp.national", NationalPlatformSettings.class),
                    MigrationSettings.of(environment));
        }

        /** Secrets the platform holds; none may be missing or a demo value. */
        Map<String, String> secrets(Environment environment) {
            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("spring.datasource.password", environment.getProperty("spring.datasource.password"));
            secrets.put("lgsp.keycloak.platform-client-secret", keycloak.platformClientSecret());
            secrets.putAll(workerSecrets());
            secrets.put("lgsp.gateway.client-secret", gateway.clientSecret());
            secrets.put("lgsp.citizens.client-secret", citizens.clientSecret());
            secrets.put("lgsp.citizens.admin-client-secret", citizens.adminClientSecret());
            secrets.put("lgsp.gateway.subject-hash-key", gateway.subjectHashKey());
            return secrets;
        }

        Map<String, String> workerSecrets() {
            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("lgsp.workers.client-secret", workers.clientSecret());
            secrets.put("lgsp.workers.outbound-client-secret", workers.outboundClientSecret());
            return secrets;
        }

        /** A workers process: Keycloak and where the engine and the platform are. */
        Map<String, String> workerServers() {
            Map<String, String> servers = new LinkedHashMap<>();
            servers.put("lgsp.keycloak.url", keycloak.url());
            servers.put("lgsp.workers.engine-rest-url", workers.engineRestUrl());
            servers.put("lgsp.workers.platform-url", workers.platformUrl());
            return servers;
        }

        /** Every peer the platform's own settings name, reached over https in production. */
        Map<String, String> peers() {
            Map<String, String> peers = new LinkedHashMap<>();
            peers.put("lgsp.keycloak.url", keycloak.url());
            peers.put("lgsp.national.ndxp.url", national.ndxp().url());
            peers.put("lgsp.national.vdxp.url", national.vdxp().url());
            peers.put("lgsp.workers.engine-rest-url", workers.engineRestUrl());
            peers.put("lgsp.workers.platform-url", workers.platformUrl());
            return peers;
        }
    }

    static List<String> problems(Environment environment) {
        Settings settings = Settings.of(environment);
        if (!settings.platform().runs(Role.ENGINE)) {
            return workerProblems(settings);
        }
        List<String> problems = new ArrayList<>();
        Set<String> demo = demoSecrets();
        Map<String, String> servers = new LinkedHashMap<>();
        for (String server : SPRING_SERVERS) {
            servers.put(server, environment.getProperty(server));
        }
        servers.put("lgsp.keycloak.url", settings.keycloak().url());
        servers.forEach((server, value) -> {
            if (blank(value)) {
                problems.add(server + " is not configured (no development server is started without the dev profile)");
            }
        });
        problems.addAll(secretProblems(settings.secrets(environment), demo));
        // VNeID is optional; once configured, its secret is the city's own
        CitizensSettings.Vneid vneid = settings.citizens().vneid();
        if (!blank(vneid.issuer()) && (blank(vneid.clientSecret()) || demo.contains(vneid.clientSecret().strip()))) {
            problems.add("lgsp.citizens.vneid.client-secret is missing or a published demo secret");
        }
        if (settings.sealing().masterKeyFile() == null) {
            problems.add("lgsp.exchange.master-key-file is not configured");
        }
        if (settings.journal().signingKeyFile() == null) {
            problems.add("lgsp.audit.signing-key-file is not configured");
        }
        if (settings.platform().runs(Role.SIMULATORS)) {
            problems.add("lgsp.roles contains 'simulators': simulated NDXP, VDXP and agency systems are for development only");
        }
        if (settings.endpoints().allowLoopback()) {
            problems.add("lgsp.endpoints.allow-loopback is true: agency systems on loopback are for development only");
        }
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("spring.elasticsearch.uris", environment.getProperty("spring.elasticsearch.uris"));
        urls.putAll(settings.peers());
        problems.addAll(transportProblems(urls, settings.endpoints()));
        String jdbc = environment.getProperty("spring.datasource.url");
        if (!blank(jdbc) && !jdbc.contains("sslmode=verify-full")) {
            problems.add("spring.datasource.url does not say sslmode=verify-full: PostgreSQL is reached over TLS with its"
                    + " certificate and host name checked (add sslrootcert=<the city's CA file>)");
        }
        if (settings.migrations().locations().stream().anyMatch(location -> location.contains("db/demo"))) {
            problems.add("lgsp.flyway.locations includes the demo data (db/demo)");
        }
        return problems;
    }

    private static List<String> workerProblems(Settings settings) {
        List<String> problems = new ArrayList<>();
        settings.workerServers().forEach((setting, value) -> {
            if (blank(value)) {
                problems.add(setting + " is not configured (a workers process reaches the others over HTTP)");
            }
        });
        problems.addAll(secretProblems(settings.workerSecrets(), demoSecrets()));
        if (settings.platform().runs(Role.SIMULATORS)) {
            problems.add("lgsp.roles contains 'simulators': simulated NDXP, VDXP and agency systems are for development only");
        }
        problems.addAll(transportProblems(settings.peers(), settings.endpoints()));
        return problems;
    }

    private static List<String> secretProblems(Map<String, String> secrets, Set<String> demo) {
        List<String> problems = new ArrayList<>();
        secrets.forEach((secret, value) -> {
            if (blank(value)) {
                problems.add(secret + " is not configured");
            } else if (demo.contains(value.strip())) {
                problems.add(secret + " is a published demo secret; configure one of your own");
            }
        });
        return problems;
    }

    /**
     * App1 §2.1: connections are encrypted. Every server and peer the settings name is reached over
     * https, and agency systems and providers may be registered with https URLs only.
     */
    static List<String> transportProblems(Map<String, String> urlSettings, EndpointPolicy.Settings endpoints) {
        List<String> problems = new ArrayList<>();
        urlSettings.forEach((setting, value) -> {
            if (blank(value)) {
                return;
            }
            for (String url : value.split(",")) {
                if (url.strip().toLowerCase(java.util.Locale.ROOT).startsWith("http://")) {
                    problems.add(setting + " is " + url.strip() + ": production reaches it over https only");
                }
            }
        });
        if (endpoints.allowPlainHttp()) {
            problems.add("lgsp.endpoints.allow-plain-http is true: agency systems and providers on plain http are for"
                    + " development only");
        }
        return problems;
    }

    /**
     * Every secret published with the project's development tooling. The list ships with the
     * platform because the realm files it comes from do not: they are development tooling.
     */
    static Set<String> demoSecrets() {
        try (InputStream list = ProductionSettingsCheck.class.getResourceAsStream(PUBLISHED_DEMO_SECRETS)) {
            if (list == null) {
                throw new IllegalStateException(PUBLISHED_DEMO_SECRETS + " is missing from the classpath");
            }
            Set<String> secrets = new LinkedHashSet<>();
            new String(list.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(secrets::add);
            return secrets;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PUBLISHED_DEMO_SECRETS, e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
