package vn.hanoi.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-25 (Đ5, App1 §2.1): every endpoint of the agency API and the engine's REST API, tried
 * with no token, forged and foreign tokens, the wrong caller, and hostile bodies, paths and
 * parameters. Not one answer may be a 5xx, nor come without the envelope and its transaction id;
 * and none of the unauthorised ones may succeed.
 */
class HostileRequestSuiteTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ID = "00000000-0000-0000-0000-000000000000";

    /** Every endpoint: method and path, ids filled with values that exist nowhere. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/api/v1/categories/agencies"},
            new String[] {"GET", "/api/v1/categories/agencies/metadata"},
            new String[] {"GET", "/api/v1/agencies/000.00.13.H26"},
            new String[] {"GET", "/api/v1/agencies/000.00.13.H26/system"},
            new String[] {"PUT", "/api/v1/agencies/000.00.13.H26/system"},
            new String[] {"POST", "/api/v1/agencies"},
            new String[] {"POST", "/api/v1/agencies/000.00.13.H26/closure"},
            new String[] {"GET", "/api/v1/services"},
            new String[] {"POST", "/api/v1/services"},
            new String[] {"GET", "/api/v1/services/hotich-tra-cuu"},
            new String[] {"POST", "/api/v1/services/hotich-tra-cuu/versions"},
            new String[] {"POST", "/api/v1/services/hotich-tra-cuu/versions/v1/status"},
            new String[] {"GET", "/api/v1/services/hotich-tra-cuu/versions/v1/openapi"},
            new String[] {"GET", "/api/v1/services/hotich-tra-cuu/versions/v1/gateway-policy"},
            new String[] {"PUT", "/api/v1/services/hotich-tra-cuu/versions/v1/gateway-policy"},
            new String[] {"PUT", "/api/v1/services/hotich-tra-cuu/versions/v1/ndxp-offer"},
            new String[] {"GET", "/api/v1/grants?consumer=000.00.12.H26"},
            new String[] {"POST", "/api/v1/grants"},
            new String[] {"DELETE", "/api/v1/grants/999999"},
            new String[] {"POST", "/api/v1/exchanges"},
            new String[] {"GET", "/api/v1/exchanges/" + ID},
            new String[] {"POST", "/api/v1/exchanges/" + ID + "/result"},
            new String[] {"GET", "/api/v1/inbox"},
            new String[] {"GET", "/api/v1/inbox/" + ID},
            new String[] {"POST", "/api/v1/inbox/" + ID + "/ack"},
            new String[] {"POST", "/api/v1/national/ndxp/callbacks"},
            new String[] {"GET", "/api/v1/internal/exchanges/" + ID},
            new String[] {"GET", "/api/v1/internal/exchanges/" + ID + "/applicant"},
            new String[] {"POST", "/api/v1/internal/exchanges/" + ID + "/receipt"},
            new String[] {"POST", "/api/v1/registrations"},
            new String[] {"GET", "/api/v1/registrations/" + ID},
            new String[] {"GET", "/api/v1/monitoring/connection-status"},
            new String[] {"POST", "/api/v1/incidents"},
            new String[] {"POST", "/api/v1/maintenance"},
            new String[] {"GET", "/api/v1/gateway/usage"},
            new String[] {"GET", "/api/v1/gateway/hotich-tra-cuu/v1/khai-sinh"},
            new String[] {"GET", "/api/v1/audit/entries"},
            new String[] {"GET", "/api/v1/audit/verify"},
            new String[] {"GET", "/engine-rest/process-instance"},
            new String[] {"POST", "/engine-rest/message"},
            new String[] {"POST", "/engine-rest/external-task/fetchAndLock"},
            new String[] {"POST", "/engine-rest/task/" + ID + "/complete"});

    /** Bodies a careless or hostile caller sends. */
    static final List<String> BODIES = List.of(
            "{",
            "[]",
            "\"just a string\"",
            "{\"destination\": {\"$ne\": null}, \"procedureCode\": \"' OR 1=1 --\"}",
            "{\"baseUrl\": \"http://169.254.169.254/latest/meta-data\", \"quota\": -1, \"environment\": \"PROD\\u0000\"}",
            "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
            "{\"code\": 1e999999, \"deadline\": \"9999-99-99\", \"variables\": {\"x\": {\"value\": \"<script>alert(1)</script>\"}}}");

    @Test
    void unauthorisedCallsAreRefusedAndNoAnswerIsA5xxOrWithoutTheEnvelope() throws Exception {
        String system = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        String forged = forge(system);
        String outbound = keycloak.clientToken("lgsp-outbound", "lgsp-outbound-dev-secret");
        List<String> failures = new ArrayList<>();
        int sent = 0;

        for (String[] endpoint : ENDPOINTS) {
            boolean isPublic = false;
            // no token, a forged one, a token the LGSP shows agency systems: never past the door
            for (String token : new String[] {null, "not-a-jwt", forged, outbound}) {
                Answer a = send(endpoint[0], endpoint[1], token, "application/json", "{}");
                sent++;
                check(a, endpoint, failures);
                if (a.status() < 400 && !isPublic) {
                    failures.add(endpoint[0] + " " + endpoint[1] + " let in a bad token: " + a.status());
                }
            }
            // hostile bodies with a real agency token
            if (!endpoint[0].equals("GET") && !endpoint[0].equals("DELETE")) {
                for (String body : BODIES) {
                    Answer a = send(endpoint[0], endpoint[1], system, "application/json", body);
                    sent++;
                    check(a, endpoint, failures);
                }
                Answer xml = send(endpoint[0], endpoint[1], system, "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE x "
                        + "[<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
                sent++;
                check(xml, endpoint, failures);
            }
        }
        // hostile parameters and path segments, with one token as a client would hold it (63 password
        // grants in a row for one account can trip Keycloak's brute-force detection)
        String supervisor = keycloak.staffToken("supervisor");
        for (String value : List.of("' OR '1'='1", "../../etc/passwd", "<script>", "%00", "😀".repeat(50),
                "x".repeat(5000), "-1", "1e309", "$(reboot)")) {
            String q = URLEncoder.encode(value, StandardCharsets.UTF_8);
            for (String path : List.of("/api/v1/grants?consumer=" + q, "/api/v1/services?q=" + q,
                    "/api/v1/audit/entries?limit=" + q, "/api/v1/audit/entries?from=" + q, "/api/v1/agencies/" + q,
                    "/api/v1/exchanges/" + q, "/api/v1/categories/" + q)) {
                Answer a = send("GET", path, supervisor, null, null);
                sent++;
                check(a, new String[] {"GET", path}, failures);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(200);
    }

    private static void check(Answer a, String[] endpoint, List<String> failures) {
        String what = endpoint[0] + " " + endpoint[1] + " → " + a.status();
        if (a.status() >= 500) {
            failures.add(what + " (server error) " + a.body());
            return;
        }
        if (a.transactionId() == null) {
            failures.add(what + " without X-LGSP-Transaction-Id");
        }
        if (a.status() >= 400) {
            JsonNode body = a.json();
            if (body == null || !"01".equals(body.path("code").asText()) || body.path("message").asText().isBlank()) {
                failures.add(what + " without the 01 envelope: " + a.body());
            }
        }
    }

    /** The real token with its payload changed: the signature no longer matches. */
    private static String forge(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("000.00.13.H26", "000.00.12.H26");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    record Answer(int status, String body, String transactionId) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                return null;
            }
        }
    }

    private Answer send(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Idempotency-Key", "hostile-" + java.util.UUID.randomUUID());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("X-LGSP-Transaction-Id").orElse(null));
    }
}
