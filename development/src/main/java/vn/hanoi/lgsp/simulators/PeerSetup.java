package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the simulated systems to the LGSP the way a real agency's system is connected:
 * through the platform's public API and Tasklist's engine REST, never its tables or beans.
 * The demo DOST operator asks for each agency's system to be registered at the simulator's
 * address, the demo DOST leader approves the change (the four-eyes rule holds), and the
 * operator points the demo data-sharing service and its gateway policy at the simulated
 * provider.
 */
final class PeerSetup {

    private static final Logger log = LoggerFactory.getLogger(PeerSetup.class);
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String lgsp;
    private final String tokenUrl;
    private final SimulatorSettings.DemoStaff staff;

    PeerSetup(String lgspBaseUrl, String tokenUrl, SimulatorSettings.DemoStaff staff) {
        this.lgsp = lgspBaseUrl;
        this.tokenUrl = tokenUrl;
        this.staff = staff;
    }

    /** Registers the agency's system at {@code baseUrl} and waits until the approved change is applied. */
    void registerSystem(String agencyCode, String baseUrl) {
        String operator = staffToken(staff.operator());
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("baseUrl", baseUrl);
        system.put("pushEnabled", true);
        system.put("signatureRequired", false);
        system.put("statusLevel2", true);
        system.put("pollIntervalSeconds", 60);
        Answer asked = send("PUT", "/api/v1/agencies/" + agencyCode + "/system", operator, system);
        if (asked.status() == 200) {
            return;
        }
        asked.require(202, "register the system of " + agencyCode);
        String changeId = asked.body().path("change").path("id").asText();
        approve(changeId);
        Instant until = Instant.now().plus(APPLIED_WITHIN);
        while (Instant.now().isBefore(until)) {
            Answer registered = send("GET", "/api/v1/agencies/" + agencyCode + "/system", operator, null);
            if (registered.status() == 200 && baseUrl.equals(registered.body().path("system").path("baseUrl").asText())) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("the system of " + agencyCode + " was not registered at " + baseUrl
                + " within " + APPLIED_WITHIN.toSeconds() + " s of change " + changeId);
    }

    /** The demo leader completes the change's approval task, as in Tasklist. */
    private void approve(String changeId) {
        String leader = staffToken(staff.leader());
        Instant until = Instant.now().plus(APPLIED_WITHIN);
        while (Instant.now().isBefore(until)) {
            Answer tasks = send("GET", "/engine-rest/task?processInstanceBusinessKey="
                    + URLEncoder.encode(changeId, StandardCharsets.UTF_8), leader, null);
            if (tasks.status() == 200 && tasks.body().isArray() && tasks.body().size() == 1) {
                String task = tasks.body().get(0).path("id").asText();
                send("POST", "/engine-rest/task/" + task + "/complete", leader, Map.of("variables", Map.of(
                        "decision", Map.of("value", "APPROVE"),
                        "decisionNote", Map.of("value", "Hệ thống mô phỏng của môi trường phát triển"))))
                        .require(204, "approve change " + changeId);
                return;
            }
            pause();
        }
        throw new IllegalStateException("no approval task for change " + changeId + " within "
                + APPLIED_WITHIN.toSeconds() + " s");
    }

    /**
     * Points a catalog service's version and its gateway policy at the simulated provider, if
     * the catalog has that version (the demo catalog does; a bare database does not).
     */
    void relocateService(String service, String version, String baseUrl, Map<String, Object> policy) {
        String operator = staffToken(staff.operator());
        Answer found = send("GET", "/api/v1/services/" + service, operator, null);
        boolean hasVersion = false;
        for (JsonNode v : found.body().path("service").path("versions")) {
            hasVersion |= version.equals(v.path("version").asText());
        }
        if (found.status() != 200 || !hasVersion) {
            return;
        }
        send("PUT", "/api/v1/services/" + service + "/versions/" + version + "/base-url", operator,
                Map.of("baseUrl", baseUrl)).require(200, "relocate " + service + " " + version);
        Map<String, Object> input = new LinkedHashMap<>(policy);
        input.put("testBaseUrl", baseUrl);
        send("PUT", "/api/v1/services/" + service + "/versions/" + version + "/gateway-policy", operator, input)
                .require(200, "save the gateway policy of " + service + " " + version);
    }

    private String staffToken(String username) {
        String form = "grant_type=password&client_id=" + enc(staff.clientId()) + "&username=" + enc(username)
                + "&password=" + enc(staff.password());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the demo staff member " + username + ": HTTP "
                        + response.statusCode());
            }
            return Json.MAPPER.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("no token for " + username + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, JsonNode body, String text) {

        Answer require(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException("could not " + what + ": HTTP " + status + " " + text);
            }
            return this;
        }
    }

    private Answer send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lgsp + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body();
            JsonNode json = text.isBlank() ? Json.MAPPER.nullNode() : readOrNull(text);
            return new Answer(response.statusCode(), json, text.length() > 500 ? text.substring(0, 500) : text);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrNull(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return Json.MAPPER.nullNode();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void logFailure(String what, RuntimeException e) {
        log.error("Simulators: {} failed: {}", what, e.getMessage());
    }
}
