package vn.hanoi.lgsp.installation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * A start without the development profile is a real installation: it gets no development
 * servers, simulators or demo data, and it refuses to start while a server or secret it needs is
 * missing, or while a secret is one of the published demo values (the realm file's client
 * secrets, the dev services' keys, the demo staff password).
 */
public final class ProductionSettingsCheck {

    static final String PUBLISHED_DEMO_SECRETS = "/installation/published-demo-secrets.txt";

    /** Where each real server is configured; production names every one. */
    static final List<String> SERVERS = List.of("spring.datasource.url", "spring.elasticsearch.uris",
            "lgsp.keycloak.url", "spring.mail.host");

    /** Secrets the platform holds; none may be missing or a demo value. */
    static final List<String> SECRETS = List.of("spring.datasource.password", "lgsp.keycloak.platform-client-secret",
            "lgsp.workers.client-secret", "lgsp.workers.outbound-client-secret", "lgsp.gateway.client-secret",
            "lgsp.citizens.client-secret", "lgsp.citizens.admin-client-secret",
            "lgsp.gateway.subject-hash-key");

    /** Key files kept outside PostgreSQL. */
    static final List<String> KEY_FILES = List.of("lgsp.exchange.master-key-file", "lgsp.audit.signing-key-file");

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

    /** A workers-only process: Keycloak, its two secrets, and where the engine and the platform are. */
    static final List<String> WORKER_SETTINGS = List.of("lgsp.keycloak.url", "lgsp.workers.engine-rest-url",
            "lgsp.workers.platform-url");
    static final List<String> WORKER_SECRETS = List.of("lgsp.workers.client-secret", "lgsp.workers.outbound-client-secret");

    static List<String> problems(Environment environment) {
        String roles = environment.getProperty("lgsp.roles", "engine,workers");
        if (!roles.contains("engine")) {
            return workerProblems(environment, roles);
        }
        List<String> problems = new ArrayList<>();
        Set<String> demo = demoSecrets();
        for (String server : SERVERS) {
            if (blank(environment.getProperty(server))) {
                problems.add(server + " is not configured (no development server is started without the dev profile)");
            }
        }
        for (String secret : SECRETS) {
            String value = environment.getProperty(secret);
            if (blank(value)) {
                problems.add(secret + " is not configured");
            } else if (demo.contains(value.strip())) {
                problems.add(secret + " is a published demo secret; configure one of your own");
            }
        }
        // VNeID is optional; once configured, its secret is the city's own
        String vneidSecret = environment.getProperty("lgsp.citizens.vneid.client-secret");
        if (!blank(environment.getProperty("lgsp.citizens.vneid.issuer"))
                && (blank(vneidSecret) || demo.contains(vneidSecret.strip()))) {
            problems.add("lgsp.citizens.vneid.client-secret is missing or a published demo secret");
        }
        for (String file : KEY_FILES) {
            if (blank(environment.getProperty(file))) {
                problems.add(file + " is not configured");
            }
        }
        if (roles.contains("simulators")) {
            problems.add("lgsp.roles contains 'simulators': simulated NDXP, VDXP and agency systems are for development only");
        }
        if ("true".equalsIgnoreCase(environment.getProperty("lgsp.endpoints.allow-loopback"))) {
            problems.add("lgsp.endpoints.allow-loopback is true: agency systems on loopback are for development only");
        }
        problems.addAll(transportProblems(environment, List.of("spring.elasticsearch.uris", "lgsp.keycloak.url",
                "lgsp.national.ndxp.url", "lgsp.national.vdxp.url", "lgsp.workers.engine-rest-url", "lgsp.workers.platform-url")));
        String jdbc = environment.getProperty("spring.datasource.url");
        if (!blank(jdbc) && !jdbc.contains("sslmode=verify-full")) {
            problems.add("spring.datasource.url does not say sslmode=verify-full: PostgreSQL is reached over TLS with its"
                    + " certificate and host name checked (add sslrootcert=<the city's CA file>)");
        }
        String flyway = environment.getProperty("lgsp.flyway.locations", "");
        if (flyway.contains("db/demo")) {
            problems.add("lgsp.flyway.locations includes the demo data (db/demo)");
        }
        return problems;
    }

    private static List<String> workerProblems(Environment environment, String roles) {
        List<String> problems = new ArrayList<>();
        for (String setting : WORKER_SETTINGS) {
            if (blank(environment.getProperty(setting))) {
                problems.add(setting + " is not configured (a workers process reaches the others over HTTP)");
            }
        }
        Set<String> demo = demoSecrets();
        for (String secret : WORKER_SECRETS) {
            String value = environment.getProperty(secret);
            if (blank(value)) {
                problems.add(secret + " is not configured");
            } else if (demo.contains(value.strip())) {
                problems.add(secret + " is a published demo secret; configure one of your own");
            }
        }
        if (roles.contains("simulators")) {
            problems.add("lgsp.roles contains 'simulators': simulated NDXP, VDXP and agency systems are for development only");
        }
        problems.addAll(transportProblems(environment, List.of("lgsp.keycloak.url", "lgsp.national.ndxp.url",
                "lgsp.national.vdxp.url", "lgsp.workers.engine-rest-url", "lgsp.workers.platform-url")));
        return problems;
    }

    /**
     * App1 §2.1: connections are encrypted. Every server and peer the settings name is reached over
     * https, and agency systems and providers may be registered with https URLs only.
     */
    static List<String> transportProblems(Environment environment, List<String> urlSettings) {
        List<String> problems = new ArrayList<>();
        for (String setting : urlSettings) {
            String value = environment.getProperty(setting);
            if (blank(value)) {
                continue;
            }
            for (String url : value.split(",")) {
                if (url.strip().toLowerCase(java.util.Locale.ROOT).startsWith("http://")) {
                    problems.add(setting + " is " + url.strip() + ": production reaches it over https only");
                }
            }
        }
        if ("true".equalsIgnoreCase(environment.getProperty("lgsp.endpoints.allow-plain-http"))) {
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
