package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorBehaviourTest {

    private static final String KEY = "key";
    private static final String SECRET = "secret";

    private VdxpSimulator simulator;
    private String baseUrl;

    @BeforeEach
    void start() {
        simulator = new VdxpSimulator(new VdxpSimulator.Config(0, KEY, SECRET));
        simulator.start();
        baseUrl = simulator.baseUrl();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void downRefusesConnectionsThenTheSamePortAnswersAgain() throws Exception {
        int port = simulator.port();
        assertThat(tokenStatus()).isEqualTo(200);

        simulator.behaviour().setDown(true);

        assertThat(simulator.behaviour().isDown()).isTrue();
        assertThat(simulator.isRunning()).isFalse();
        assertThatThrownBy(this::tokenStatus).isInstanceOf(ConnectException.class);

        simulator.behaviour().setDown(false);

        assertThat(simulator.behaviour().isDown()).isFalse();
        assertThat(simulator.port()).isEqualTo(port);
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(tokenStatus()).isEqualTo(200);
    }

    @Test
    void givenPortIsUsedAndSurvivesRestarts() throws Exception {
        int port = simulator.port();
        simulator.close();
        simulator = new VdxpSimulator(new VdxpSimulator.Config(port, KEY, SECRET));
        simulator.start();

        simulator.stop();
        simulator.start();

        assertThat(simulator.port()).isEqualTo(port);
        assertThat(tokenStatus()).isEqualTo(200);
    }

    @Test
    void failNextFailsExactlyThatManyBusinessRequests() throws Exception {
        simulator.behaviour().failNext(2);

        var first = TestHttp.postToken(baseUrl, KEY, SECRET, "grant_type=client_credentials");
        var control = TestHttp.get(simulator.baseUrl() + "/_sim/behaviour", null);
        var second = TestHttp.postToken(baseUrl, KEY, SECRET, "grant_type=client_credentials");
        var third = TestHttp.postToken(baseUrl, KEY, SECRET, "grant_type=client_credentials");

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.json().get("code").asText()).isEqualTo("01");
        assertThat(first.json().get("error").asText()).isEqualTo("SIMULATED_FAILURE");
        assertThat(first.json().get("message").asText()).isNotBlank();
        assertThat(control.status()).as("control endpoint is never faulted").isEqualTo(200);
        assertThat(second.status()).isEqualTo(500);
        assertThat(third.status()).isEqualTo(200);
    }

    @Test
    void malformedAnswersAreTruncatedJson() throws Exception {
        simulator.behaviour().setMalformed(true);

        var answer = TestHttp.postToken(baseUrl, KEY, SECRET, "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"code\":\"00\",");
    }

    @Test
    void latencyDelaysBusinessRequestsButNotTheControlEndpoint() throws Exception {
        tokenStatus();
        simulator.behaviour().setLatency(Duration.ofMillis(400));

        long businessMillis = millis(this::tokenStatus);
        long controlMillis = millis(() -> TestHttp.get(simulator.baseUrl() + "/_sim/behaviour", null).status());

        assertThat(businessMillis).isBetween(400L, 3_000L);
        assertThat(controlMillis).isLessThan(400L);
    }

    @Test
    void latencyDoesNotSerialiseConcurrentRequests() throws Exception {
        tokenStatus();
        simulator.behaviour().setLatency(Duration.ofMillis(400));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            long started = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(this::tokenStatus));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
            assertThat((System.nanoTime() - started) / 1_000_000).as("8 x 400 ms in parallel").isLessThan(2_400L);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void errorRateFailsAboutThatShareTheSameWayEveryRun() throws Exception {
        simulator.behaviour().setErrorRate(0.5);
        List<Integer> firstRun = statuses(40);

        simulator.close();
        simulator = new VdxpSimulator(new VdxpSimulator.Config(0, KEY, SECRET));
        simulator.start();
        baseUrl = simulator.baseUrl();
        simulator.behaviour().setErrorRate(0.5);
        List<Integer> secondRun = statuses(40);

        assertThat(firstRun).containsOnly(200, 500);
        assertThat(firstRun.stream().filter(status -> status == 500).count()).isBetween(8L, 32L);
        assertThat(secondRun).isEqualTo(firstRun);
    }

    @Test
    void controlEndpointShowsAndChangesTheBehaviour() throws Exception {
        var update = TestHttp.postJson(simulator.baseUrl() + "/_sim/behaviour", null,
                Map.of("latencyMs", 25, "errorRate", 0.125, "malformed", true));

        assertThat(update.status()).isEqualTo(200);
        assertThat(simulator.behaviour().getLatency()).isEqualTo(Duration.ofMillis(25));
        assertThat(simulator.behaviour().getErrorRate()).isEqualTo(0.125);
        assertThat(simulator.behaviour().isMalformed()).isTrue();

        var shown = TestHttp.get(simulator.baseUrl() + "/_sim/behaviour", null).json();
        assertThat(shown.get("code").asText()).isEqualTo("00");
        assertThat(shown.get("latencyMs").asLong()).isEqualTo(25);
        assertThat(shown.get("errorRate").asDouble()).isEqualTo(0.125);
        assertThat(shown.get("malformed").asBoolean()).isTrue();
        assertThat(shown.get("down").asBoolean()).isFalse();

        var invalid = TestHttp.postJson(simulator.baseUrl() + "/_sim/behaviour", null, Map.of("errorRate", 2));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(simulator.behaviour().getErrorRate()).isEqualTo(0.125);
    }

    @Test
    void unknownPathsAndMethodsAreAnsweredInTheEnvelope() throws Exception {
        var unknown = TestHttp.get(simulator.baseUrl() + "/nowhere", null);
        var wrongMethod = TestHttp.get(simulator.baseUrl() + "/token", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("code").asText()).isEqualTo("01");
    }

    @Test
    void closedSimulatorCannotBeRestarted() {
        simulator.close();

        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(this::tokenStatus).isInstanceOf(ConnectException.class);
    }

    private int tokenStatus() throws Exception {
        return TestHttp.postToken(baseUrl, KEY, SECRET, "grant_type=client_credentials").status();
    }

    private List<Integer> statuses(int count) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(tokenStatus());
        }
        return statuses;
    }

    @FunctionalInterface
    private interface Call {
        int run() throws Exception;
    }

    private static long millis(Call call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }
}
