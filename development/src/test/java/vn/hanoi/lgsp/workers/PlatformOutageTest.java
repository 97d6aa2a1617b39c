package vn.hanoi.lgsp.workers;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.http.OutboundTokens;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Errors;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;
import vn.hanoi.lgsp.workercontract.WorkerApi;

/**
 * an engine node restarting, or the platform overloaded, is not the destination's
 * fault. The soak once left an exchange ROUTED for good: its last delivery attempt met the
 * killed engine node and the task went to an incident. A platform outage now hands the task
 * back with the attempts it had; a refusal by the platform still counts.
 */
class PlatformOutageTest {

    private static final String EXCHANGE = "7b0c1f9e-2f5d-4c55-9d0e-3d8f0c2b9a11";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private HttpServer server;
    /** What the fake platform answers, per path; absent paths answer 404. */
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private String baseUrl;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPlatformAnswering503OnTheLastAttemptHandsTheTaskBackWithItsAttemptsUntouched() {
        answers.put(WorkerApi.PATH + "/" + EXCHANGE, 503);
        ExternalTask task = task(1);
        ExternalTaskService service = mock(ExternalTaskService.class);

        new DeliverLocalHandler(platform(baseUrl), http()).execute(task, service);

        verify(service).handleFailure(eq(task), anyString(), isNull(), eq(1), anyLong());
        verify(service, never()).handleBpmnError(eq(task), anyString(), anyString());
        verify(service, never()).complete(eq(task), anyMap());
    }

    @Test
    void anUnreachablePlatformOnTheFirstAttemptLeavesAllFiveAttempts() throws IOException {
        ExternalTask task = task(null);
        ExternalTaskService service = mock(ExternalTaskService.class);

        new DeliverLocalHandler(platform("http://127.0.0.1:" + closedPort()), http()).execute(task, service);

        verify(service).handleFailure(eq(task), anyString(), isNull(), eq(5), anyLong());
    }

    @Test
    void aPlatformThatRefusesTheExchangeStillUsesUpTheAttemptsAndEndsInAnIncident() {
        answers.put(WorkerApi.PATH + "/" + EXCHANGE, 404);
        ExternalTask task = task(1);
        ExternalTaskService service = mock(ExternalTaskService.class);

        new DeliverLocalHandler(platform(baseUrl), http()).execute(task, service);

        verify(service).handleFailure(eq(task), anyString(), isNull(), eq(0), anyLong());
    }

    @Test
    void aPlatformFailingWith500OnThisExchangeUsesUpTheAttempt() {
        answers.put(WorkerApi.PATH + "/" + EXCHANGE, 500);
        ExternalTask task = task(1);
        ExternalTaskService service = mock(ExternalTaskService.class);

        new DeliverLocalHandler(platform(baseUrl), http()).execute(task, service);

        verify(service).handleFailure(eq(task), anyString(), isNull(), eq(0), anyLong());
    }

    @Test
    void anOutageLongerThanTheBudgetCountsTheAttemptsAgain() {
        answers.put(WorkerApi.PATH + "/" + EXCHANGE, 503);
        ExternalTask task = task(1, java.util.Date.from(java.time.Instant.now()
                .minus(Failures.PLATFORM_OUTAGE_BUDGET).minusSeconds(60)));
        ExternalTaskService service = mock(ExternalTaskService.class);

        new DeliverLocalHandler(platform(baseUrl), http()).execute(task, service);

        verify(service).handleFailure(eq(task), anyString(), isNull(), eq(0), anyLong());
    }

    @Test
    void anApplicantThePlatformCannotServeNowIsAskedForAgainNotFailed() {
        answers.put(WorkerApi.PATH + "/" + EXCHANGE + "/applicant", 503);
        ExternalTask task = task(1);
        ExternalTaskService service = mock(ExternalTaskService.class);

        new VerifyIdentityHandler(platform(baseUrl), http(), null, "http://127.0.0.1:" + 9).execute(task, service);

        verify(service, never()).handleBpmnError(eq(task), anyString(), anyString());
        verify(service).handleFailure(eq(task), anyString(), isNull(), eq(1), anyLong());
    }

    @Test
    void aReceiptThePlatformCannotRecordNowIsTriedAgainNotFailedAfterTheDestinationTookTheRecord() throws Exception {
        answers.put(WorkerApi.PATH + "/" + EXCHANGE, 200);
        answers.put("/records", 200);
        answers.put(WorkerApi.PATH + "/" + EXCHANGE + "/receipt", 503);
        ExternalTask task = task(1);
        ExternalTaskService service = mock(ExternalTaskService.class);

        new DeliverLocalHandler(platform(baseUrl), http()).execute(task, service);

        verify(service, never()).handleBpmnError(eq(task), eq(Errors.DELIVERY_FAILED), anyString());
        verify(service).handleFailure(eq(task), anyString(), isNull(), eq(1), anyLong());
        org.assertj.core.api.Assertions.assertThat(calls).containsEntry("/records", 1);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.merge(path, 1, Integer::sum);
        exchange.getRequestBody().readAllBytes();
        String body;
        int status;
        if (path.equals("/token")) {
            status = 200;
            body = "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":300}";
        } else if (path.equals(WorkerApi.PATH + "/" + EXCHANGE) && answers.getOrDefault(path, 404) == 200) {
            status = 200;
            body = JSON.writeValueAsString(new WorkerApi.Delivery("00", "ok", EXCHANGE, "ROUTED", "000.00.13.H26",
                    "000.00.31.H26", "1.001", "application/json", "abc", null, "{}", null, false, null,
                    new WorkerApi.Endpoint(baseUrl, true, "agency-000.00.31.H26"), null, null));
        } else if (path.equals("/records") && answers.getOrDefault(path, 404) == 200) {
            status = 200;
            body = "{\"code\":\"00\",\"receipt\":{\"receivedSha256\":\"abc\"}}";
        } else {
            status = answers.getOrDefault(path, 404);
            body = "{\"code\":\"01\",\"message\":\"answer " + status + "\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private PlatformApi platform(String platformUrl) {
        OutboundTokens tokens = new OutboundTokens();
        OutboundTokens.Client client = new OutboundTokens.Client(baseUrl + "/token", "lgsp-workers", "secret",
                OutboundTokens.CredentialStyle.FORM, null);
        return new PlatformApi(http(), new AccessTokens(tokens, "platform", client),
                scope -> new AccessTokens(tokens, "agency:" + scope, client), platformUrl);
    }

    private static JsonHttp http() {
        return new JsonHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), JSON,
                Duration.ofSeconds(5), JsonHttp.MAX_PLATFORM_ANSWER);
    }

    /** A task of deliver-local with five attempts allowed; {@code retries} as the engine holds it. */
    private static ExternalTask task(Integer retries) {
        return task(retries, java.util.Date.from(java.time.Instant.now().minusSeconds(60)));
    }

    private static ExternalTask task(Integer retries, java.util.Date created) {
        ExternalTask task = mock(ExternalTask.class);
        when(task.getCreateTime()).thenReturn(created);
        when(task.getVariable(Variables.EXCHANGE_ID)).thenReturn(EXCHANGE);
        when(task.getVariable("maxAttempts")).thenReturn(5);
        when(task.getVariable("retryBackoffSeconds")).thenReturn(2);
        when(task.getRetries()).thenReturn(retries);
        return task;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
