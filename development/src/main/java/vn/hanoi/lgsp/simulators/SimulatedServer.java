package vn.hanoi.lgsp.simulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HTTP server on the loopback interface standing in for a system that cannot run here.
 * It applies the {@link SimulatorBehaviour} to every business request and answers the control
 * endpoint {@code /_sim/behaviour}, which is exempt from every injected fault.
 */
public abstract class SimulatedServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedServer.class);

    static {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the peer's delayed
        // ACK adds ~40 ms to every answer, which no real system shows. Read once, before the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Enough for the demo and the tests; a benchmark's provider asks for more. */
    static final int DEFAULT_HANDLER_THREADS = 16;
    private static final byte[] TRUNCATED_BODY = "{\"code\":\"00\",".getBytes(StandardCharsets.UTF_8);
    private static final String CONTROL_PREFIX = "/_sim/";
    /** A port released a moment ago can stay busy briefly while the old listener winds down. */
    private static final int BIND_ATTEMPTS = 30;
    private static final Duration BIND_RETRY = Duration.ofMillis(100);

    private final String name;
    private static final long OUTAGE_GRACE_MS = 1000;
    /** Ends the outages scheduled through {@code /_sim/behaviour}. */
    private static final java.util.concurrent.ScheduledExecutorService OUTAGES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "simulated-outages");
                t.setDaemon(true);
                return t;
            });
    private final SimulatorBehaviour behaviour;
    private final ExecutorService handlers;
    private final Routes routes = new Routes();
    private final Routes controlRoutes = new Routes();

    private HttpServer server;
    private int port;
    private boolean closed;

    SimulatedServer(String name, int port) {
        this(name, port, DEFAULT_HANDLER_THREADS);
    }

    /**
     * @param handlerThreads how many requests are served at once; with injected latency a
     *                       request holds its thread for the whole delay, so the throughput is
     *                       at most {@code handlerThreads / latency}
     */
    SimulatedServer(String name, int port, int handlerThreads) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handlerThreads must be at least 1: " + handlerThreads);
        }
        this.name = name;
        this.port = port;
        this.behaviour = new SimulatorBehaviour(name.hashCode(), this::switchDown);
        this.handlers = Executors.newFixedThreadPool(handlerThreads, daemonThreads(name + "-http"));
        controlRoutes.add("GET", "/_sim/behaviour", (request, path) -> behaviourAnswer());
        controlRoutes.add("POST", "/_sim/behaviour", (request, path) -> updateBehaviour(request));
    }

    /** Starts listening; the first start on port 0 picks a free port that later starts reuse. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " simulator is closed");
        }
        if (server != null) {
            return;
        }
        HttpServer bound = bind();
        bound.start();
        server = bound;
        port = bound.getAddress().getPort();
        behaviour.markDown(false);
        log.info("{} simulator listening on {}", name, baseUrl());
    }

    /** Stops listening; connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
            behaviour.markDown(true);
            log.info("{} simulator stopped", name);
        }
    }

    /** Stops for good and releases the threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            stop();
            closed = true;
        }
        handlers.shutdownNow();
        onClose();
    }

    public String name() {
        return name;
    }

    /** The bound port; before the first start, the configured one (0 if none). */
    public synchronized int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** For example {@code http://127.0.0.1:43125}, without a trailing slash. */
    public synchronized String baseUrl() {
        if (port == 0) {
            throw new IllegalStateException(name + " simulator has no port yet: start it first");
        }
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    public SimulatorBehaviour behaviour() {
        return behaviour;
    }

    @Override
    public String toString() {
        return name + " simulator (" + (isRunning() ? baseUrl() : "stopped") + ")";
    }

    /** A control route under {@code /_sim/}: exempt from injected faults, for tests and harnesses. */
    void controlRoute(String method, String path, Routes.Handler handler) {
        controlRoutes.add(method, path, handler);
    }

    /** The business routes, filled in by each simulator's constructor. */
    Routes routes() {
        return routes;
    }

    /**
     * Sees every business request as it arrives, before any fault is injected, so counters
     * include the attempts that a simulated failure turns away.
     */
    void arrived(SimRequest request) {
    }

    /** Releases whatever the simulator itself holds. */
    void onClose() {
    }

    private void switchDown(boolean down) {
        synchronized (this) {
            if (down) {
                stop();
            } else if (closed) {
                log.warn("{} simulator is closed; it cannot come back up", name);
            } else {
                start();
            }
        }
    }

    private HttpServer bind() {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        BindException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            try {
                HttpServer created = HttpServer.create(address, 64);
                created.createContext("/", this::exchange);
                created.setExecutor(handlers);
                return created;
            } catch (BindException e) {
                last = e;
                if (port == 0 || !pause(BIND_RETRY)) {
                    break;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(name + " simulator cannot listen on " + address, e);
            }
        }
        throw new UncheckedIOException(name + " simulator cannot listen on " + address, last);
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            SimRequest request = SimRequest.read(exchange);
            SimResponse response = request.path().startsWith(CONTROL_PREFIX)
                    ? handle(controlRoutes, request)
                    : business(request);
            write(exchange, response);
        } catch (IOException e) {
            log.debug("{} simulator: client went away: {}", name, e.toString());
        } catch (RuntimeException e) {
            log.warn("{} simulator failed to answer a request", name, e);
        }
    }

    private SimResponse business(SimRequest request) {
        try {
            arrived(request);
        } catch (RuntimeException e) {
            log.debug("{} simulator could not count a request", name, e);
        }
        Duration latency = behaviour.getLatency();
        if (!latency.isZero() && !pause(latency)) {
            return SimResponse.failure(503, "SIMULATED_FAILURE", "Hệ thống giả lập đang dừng");
        }
        boolean faults = injectsFaults(request);
        if (faults && behaviour.takeFailure()) {
            return SimResponse.failure(500, "SIMULATED_FAILURE", "Lỗi giả lập của hệ thống " + name);
        }
        SimResponse response = handle(routes, request);
        return faults && behaviour.isMalformed() ? SimResponse.raw(200, TRUNCATED_BODY) : response;
    }

    /** Whether injected failures and malformed answers apply to this request; latency and downtime always do. */
    boolean injectsFaults(SimRequest request) {
        return true;
    }

    private SimResponse handle(Routes table, SimRequest request) {
        try {
            return table.dispatch(request);
        } catch (RequestRejected rejected) {
            return rejected.response();
        } catch (RuntimeException e) {
            log.error("{} simulator failed on {} {}", name, request.method(), request.path(), e);
            return SimResponse.failure(500, "INTERNAL_ERROR", "Lỗi nội bộ của hệ thống giả lập " + name);
        }
    }

    private void write(HttpExchange exchange, SimResponse response) throws IOException {
        byte[] bytes = response.body() instanceof byte[] raw
                ? raw
                : Json.MAPPER.writeValueAsBytes(response.body());
        // JSON unless the answer names its own type, as the SOAP answers do.
        if (response.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        response.headers().forEach(exchange.getResponseHeaders()::set);
        // A HEAD answer has headers only; the JDK server refuses body bytes for it.
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * A level-1 status answer (Appendix 01 §2.3): at once, checking nothing, with the time by this
     * server's clock, which the behaviour may have set off.
     */
    SimResponse levelOneStatus(String message) {
        return SimResponse.ok(new LevelOneStatus(SimResponse.SUCCESS, message, "UP", behaviour.now().toString()));
    }

    private SimResponse behaviourAnswer() {
        return SimResponse.ok(new BehaviourView(SimResponse.SUCCESS, "Cấu hình giả lập hiện tại",
                behaviour.getLatency().toMillis(), behaviour.getErrorRate(), behaviour.isMalformed(),
                behaviour.isDown(), behaviour.getPendingFailures(), behaviour.getClockOffset().toMillis()));
    }

    private SimResponse updateBehaviour(SimRequest request) {
        BehaviourUpdate update = request.json(BehaviourUpdate.class);
        try {
            if (update.latencyMs() != null) {
                behaviour.setLatency(Duration.ofMillis(update.latencyMs()));
            }
            if (update.errorRate() != null) {
                behaviour.setErrorRate(update.errorRate());
            }
            if (update.malformed() != null) {
                behaviour.setMalformed(update.malformed());
            }
            if (update.failNext() != null) {
                behaviour.failNext(update.failNext());
            }
            if (update.clockOffsetMs() != null) {
                behaviour.setClockOffset(Duration.ofMillis(update.clockOffsetMs()));
            }
            if (update.downForMs() != null) {
                if (update.downForMs() <= 0) {
                    throw new IllegalArgumentException("downForMs must be positive");
                }
                // once this answer has gone out (a loaded machine may take a while to write it); back on
                // the same port when the outage ends
                OUTAGES.schedule(() -> switchDown(true), OUTAGE_GRACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                OUTAGES.schedule(() -> switchDown(false), OUTAGE_GRACE_MS + update.downForMs(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (IllegalArgumentException e) {
            return SimResponse.failure(400, "VALIDATION_FAILED", "Cấu hình không hợp lệ: " + e.getMessage());
        }
        log.info("{} simulator behaviour now {}", name, behaviour);
        return behaviourAnswer();
    }

    /**
     * Refuses the request with 401 unless its bearer token passes {@code check}. Without a check,
     * {@code tokenRequired} says whether a token must still be present.
     */
    void requireBearer(SimRequest request, java.util.function.Predicate<String> check, boolean tokenRequired) {
        if (check == null && !tokenRequired) {
            return;
        }
        boolean valid = request.bearerToken().map(token -> {
            try {
                return check == null || check.test(token);
            } catch (RuntimeException e) {
                log.warn("{}: token check failed: {}", name, e.toString());
                return false;
            }
        }).orElse(false);
        if (!valid) {
            throw SimResponse.failure(401, "UNAUTHENTICATED", "Token không hợp lệ hoặc đã hết hạn")
                    .withHeader("WWW-Authenticate", "Bearer")
                    .reject();
        }
    }

    /** Sleeps; false when interrupted, which means the server is closing. */
    static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    record BehaviourView(String code, String message, long latencyMs, double errorRate,
            boolean malformed, boolean down, int pendingFailures, long clockOffsetMs) {
    }

    /**
     * @param downForMs     stop listening (right after answering) and come back up by itself after
     *                      this long: an outage a test or the soak harness schedules from outside
     * @param clockOffsetMs how far the time the server reports is off, positive ahead
     */
    record BehaviourUpdate(Long latencyMs, Double errorRate, Boolean malformed, Integer failNext, Long downForMs,
            Long clockOffsetMs) {
    }

    record LevelOneStatus(String code, String message, String status, String time) {
    }
}
