package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the tests do as analysts, leaders and staff do it over HTTP: deploy as Camunda Modeler does,
 * submit a task's form as Tasklist does, and wait for the stack to move.
 */
final class ProcedureDesk {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    ProcedureDesk(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The files of a folder, by name, as Modeler's deploy dialog takes a diagram with its forms and tables. */
    static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** Deployed with the analyst's token; the deployment's id. */
    String deployed(String token, String name, Map<String, byte[]> files) throws Exception {
        HttpResponse<String> answer = deploy(token, name, files);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("id").asText();
    }

    /** What Camunda Modeler's deploy dialog sends: a multipart deployment with every file of the diagram. */
    HttpResponse<String> deploy(String token, String name, Map<String, byte[]> files) throws Exception {
        String boundary = "lgsp-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\n"
                + "Camunda Modeler\r\n").getBytes(StandardCharsets.UTF_8));
        for (var file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/deployment/create"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What Tasklist sends when staff submit a task's form. */
    HttpResponse<String> submit(String token, String taskId, Map<String, Object> values) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/task/" + taskId + "/submit-form"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What Tasklist sends when staff start a process with its start form. */
    HttpResponse<String> startInTasklist(String token, String key, Map<String, Object> values) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/process-definition/key/" + key
                        + "/submit-form")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A procedure of the Hoàn Kiếm ward with these elements after its start event. */
    static String procedure(String key, String elements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                id="d" targetNamespace="http://lgsp.hanoi.gov.vn/bpmn">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:extensionElements><camunda:properties>
                      <camunda:property name="lgsp.owner" value="000.00.61.H26" />
                    </camunda:properties></bpmn:extensionElements>
                    <bpmn:startEvent id="Start" />
                    %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, elements);
    }

    static Map<String, String> document(String name, String type, byte[] content) {
        return Map.of("name", name, "contentType", type, "content", Base64.getEncoder().encodeToString(content),
                "sha256", PlatformModels.sha256(content));
    }

    static <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("still not there after " + timeout + ": " + value);
            }
            Thread.sleep(250);
            value = read.get();
        }
        return value;
    }
}
