package vn.hanoi.lgsp.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;

/**
 * The block "Tra cứu dịch vụ chia sẻ / CSDL quốc gia" ({@code lgsp-block-lookup}): a call through the
 * LGSP's own gateway, as the owning agency. Each agency's procedures have a credential of their own
 * ({@code lgsp-thu-tuc-<agency>}, and {@code …-test} for test cases), made on first use with the
 * agency's code and environment in its tokens, so the call goes through everything a call from the
 * agency's system goes through: its grants, the environment's upstreams, its quota, the personal-data
 * rules (purpose, officer) and the journal. Fields of the answer go into the case's variables as
 * the model maps them.
 */
@Component("caseLookups")
public class CaseLookups {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,59})}");
    private static final String CLIENT_PREFIX = "lgsp-thu-tuc-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;

    private final CaseRecords records;
    private final KeycloakAdmin keycloak;
    private final Environment environment;
    private final ProcedureSettings settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant until) {
    }

    CaseLookups(CaseRecords records, KeycloakAdmin keycloak, Environment environment, ObjectMapper json,
                ProcedureSettings settings) {
        this.settings = settings;
        this.records = records;
        this.keycloak = keycloak;
        this.environment = environment;
        this.json = json;
    }

    public void call(DelegateExecution execution) {
        ProcedureCases.Case c = records.caseOf(execution);
        String service = text(execution, "serviceCode");
        String version = text(execution, "version");
        // the procedure's own variables fill the path and receive the answer, not the block's instance
        DelegateExecution procedure = execution.getSuperExecution() == null ? execution : execution.getSuperExecution();
        String path = fill(text(execution, "path"), procedure);
        boolean test = c.environment() == ProcedureCases.Environment.TEST;
        URI uri = URI.create(gateway() + "/api/v1/gateway/" + service + "/" + version + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token(c.owner(), test))
                .header("Accept", "application/json")
                .header("X-LGSP-Purpose", URLEncoder.encode(text(execution, "purpose"), StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .header("X-LGSP-Officer", officer(c))
                .GET().build();
        HttpResponse<String> answer = null;
        String failure = null;
        // a provider or NDXP briefly away is tried again here; still away, the model's error path takes over
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() < 500 && answer.statusCode() != 429) {
                    break;
                }
                failure = "HTTP " + answer.statusCode() + " " + read(answer.body()).path("message").asText("");
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = null;
            pause(attempt);
        }
        if (answer == null) {
            throw new BpmnError(unavailable(), "Dịch vụ " + service + " không trả lời sau " + ATTEMPTS + " lần: " + failure);
        }
        JsonNode body = read(answer.body());
        execution.setVariable("httpStatus", answer.statusCode());
        execution.setVariable("answerCode", body.path("code").asText(null));
        if (answer.statusCode() >= 400) {
            throw new BpmnError(ProcedureBlocks.LOOKUP.errors().get(0).code(), "Tra cứu " + service + " bị từ chối ("
                    + answer.statusCode() + "): " + body.path("message").asText(""));
        }
        for (String pair : text(execution, "mapping").split(",")) {
            String[] parts = pair.strip().split("=", 2);
            if (parts.length != 2 || ProcedureCases.RESERVED.contains(parts[0])) {
                throw new BpmnError(ProcedureBlocks.LOOKUP.errors().get(0).code(), "Ánh xạ \"" + pair
                        + "\" không hợp lệ: biến đích phải là biến của thủ tục, không phải biến của nền tảng");
            }
            JsonNode field = body;
            for (String step : parts[1].split("\\.")) {
                field = field.path(step);
            }
            procedure.setVariable(parts[0], field.isMissingNode() || field.isNull() ? null
                    : field.isNumber() ? field.numberValue() : field.isBoolean() ? field.booleanValue() : field.asText());
        }
    }

    /** The placeholders of the path, each replaced by the case variable of that name, encoded. */
    private static String fill(String path, DelegateExecution execution) {
        Matcher placeholder = PLACEHOLDER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            Object value = execution.getVariable(placeholder.group(1));
            if (value == null) {
                throw new BpmnError(ProcedureBlocks.LOOKUP.errors().get(0).code(), "Vụ việc không có biến "
                        + placeholder.group(1) + " mà đường dẫn tra cứu cần");
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(
                    URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20")));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    /** The staff member the case is handled for, as the journal names the officer (Decree 13/2023). */
    private static String officer(ProcedureCases.Case c) {
        return c.startedByPerson() ? c.startedBy() : "thu-tuc:" + c.procedureKey() + "/" + c.caseNumber();
    }

    private String token(String owner, boolean test) {
        String clientId = CLIENT_PREFIX + owner + (test ? "-test" : "");
        Token cached = tokens.get(clientId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.value();
        }
        KeycloakAdmin.AgencyCredentials credentials = keycloak.provisionAgencyClient(clientId,
                "Thủ tục liên thông của " + owner + (test ? " (thử nghiệm)" : ""), owner, test ? "test" : "production");
        try {
            String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8)
                    + "&client_secret=" + URLEncoder.encode(credentials.clientSecret(), StandardCharsets.UTF_8);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(credentials.tokenEndpoint()))
                    .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode issued = read(answer.body());
            if (answer.statusCode() != 200 || !issued.hasNonNull("access_token")) {
                throw new IllegalStateException("Keycloak gave no token to " + clientId + " (" + answer.statusCode() + ")");
            }
            Token token = new Token(issued.get("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(10, issued.path("expires_in").asLong(60) - 30)));
            tokens.put(clientId, token);
            return token.value();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not be reached for " + clientId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The LGSP's own gateway: the configured address, else this node. */
    private String gateway() {
        String configured = settings.gatewayUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return "http://127.0.0.1:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String unavailable() {
        return ProcedureBlocks.LOOKUP.errors().get(1).code();
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new BpmnError(ProcedureBlocks.LOOKUP.errors().get(0).code(), "Khối tra cứu thiếu đầu vào " + name);
        }
        return value.toString();
    }
}
