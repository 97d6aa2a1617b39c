package vn.hanoi.lgsp.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencySystem;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.http.PeerClock;

/**
 * Polls every connected system at the frequency agreed at registration (Appendix 01 §2.3),
 * level 1 and, where offered, level 2. One scheduler thread finds what is due; the calls are
 * asynchronous, bounded by a semaphore, so hundreds of systems need no thread each.
 */
@Component
class ConnectionPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoller.class);
    /** Status answers are a few hundred bytes; 64 KiB leaves room and bounds a misbehaving system. */
    static final int MAX_STATUS_ANSWER = 64 * 1024;

    private final AgencySystems systems;
    private final ConnectionMonitor monitor;
    private final ConnectionSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean started;

    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final String node;

    ConnectionPoller(AgencySystems systems, ConnectionMonitor monitor, ConnectionSettings settings, ObjectMapper json,
                     org.springframework.jdbc.core.JdbcTemplate jdbc, vn.hanoi.lgsp.cluster.ClusterJobs cluster) {
        this.jdbc = jdbc;
        this.node = cluster.node();
        this.systems = systems;
        this.monitor = monitor;
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connection-poller");
            t.setDaemon(true);
            return t;
        });
        started = true;
        scheduler.scheduleWithFixedDelay(this::tick, settings.tick().toMillis(), settings.tick().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the systems that are due, as claimed in PostgreSQL: every node ticks, but a system's
     * check is claimed by one node at a time and its next time moves on with the claim, so the
     * cluster polls each system once per interval however many nodes it has.
     */
    private void tick() {
        try {
            int free = inFlight.availablePermits();
            if (free == 0) {
                return;
            }
            for (String code : claimDue(free)) {
                AgencySystem system = systems.find(code).orElse(null);
                if (system == null || running.putIfAbsent(code, true) != null) {
                    continue;
                }
                if (!inFlight.tryAcquire()) {
                    running.remove(code);
                    return;
                }
                Duration interval = settings.intervalOverride() != null ? settings.intervalOverride()
                        : Duration.ofSeconds(system.pollIntervalSeconds());
                check(system).whenComplete((outcome, failure) -> {
                    try {
                        if (outcome != null) {
                            monitor.record(outcome, interval);
                        } else {
                            log.warn("Check of {} could not be recorded: {}", code, failure.toString());
                        }
                    } catch (RuntimeException e) {
                        log.warn("Check of {} could not be recorded: {}", code, e.toString());
                    } finally {
                        running.remove(code);
                        inFlight.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Connection polling tick failed: {}", e.toString());
        }
    }

    /** Claims up to {@code limit} due systems for this node and moves their next check on by their interval. */
    List<String> claimDue(int limit) {
        // the systems and their intervals as the agency module has them, passed in rather than joined
        List<AgencySystem> connected = systems.all();
        Object[] codes = connected.stream().map(AgencySystem::agencyCode).toArray();
        Object[] intervals = connected.stream().map(AgencySystem::pollIntervalSeconds).toArray();
        jdbc.update(con -> {
            PreparedStatement insert = con.prepareStatement("""
                    insert into lgsp.poll_schedule (agency_code, next_check_at)
                    select code, now() from unnest(?) as s(code) on conflict do nothing""");
            insert.setArray(1, con.createArrayOf("varchar", codes));
            return insert;
        });
        Integer override = settings.intervalOverride() == null ? null : (int) settings.intervalOverride().toSeconds();
        return jdbc.query(con -> {
            PreparedStatement claim = con.prepareStatement("""
                    update lgsp.poll_schedule p
                    set next_check_at = now() + make_interval(secs => coalesce(cast(? as integer), s.poll_interval_seconds)),
                        claimed_by = ?
                    from unnest(?, ?) as s(agency_code, poll_interval_seconds)
                    where s.agency_code = p.agency_code and p.agency_code in (
                        select agency_code from lgsp.poll_schedule where next_check_at <= now()
                        order by next_check_at limit ? for update skip locked)
                    returning p.agency_code""");
            claim.setObject(1, override, java.sql.Types.INTEGER);
            claim.setString(2, node);
            claim.setArray(3, con.createArrayOf("varchar", codes));
            claim.setArray(4, con.createArrayOf("integer", intervals));
            claim.setInt(5, limit);
            return claim;
        }, (rs, n) -> rs.getString(1));
    }

    CompletableFuture<CheckOutcome> check(AgencySystem system) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> level1 = get(system.baseUrl() + "/status");
        CompletableFuture<HttpResponse<String>> level2 = system.statusLevel2()
                ? get(system.baseUrl() + "/status/services") : CompletableFuture.completedFuture(null);
        return level1.handle((r1, e1) -> new Object[] {r1, e1, Duration.ofNanos(System.nanoTime() - start)})
                .thenCombine(level2.handle((r2, e2) -> new Object[] {r2, e2}), (one, two) -> {
                    @SuppressWarnings("unchecked")
                    HttpResponse<String> r1 = (HttpResponse<String>) one[0];
                    Throwable e1 = (Throwable) one[1];
                    Duration roundTrip = (Duration) one[2];
                    @SuppressWarnings("unchecked")
                    HttpResponse<String> r2 = (HttpResponse<String>) two[0];
                    return outcome(system, at, r1, e1, roundTrip, r2, system.statusLevel2());
                });
    }

    private CheckOutcome outcome(AgencySystem system, Instant at, HttpResponse<String> r1, Throwable e1,
                                 Duration roundTrip, HttpResponse<String> r2, boolean level2Expected) {
        long latency = roundTrip.toMillis();
        if (e1 != null || r1 == null) {
            String reason = e1 == null ? "no answer" : rootMessage(e1);
            return new CheckOutcome(system.agencyCode(), system.baseUrl(), at, CheckOutcome.State.DOWN, null, latency,
                    reason, List.of(), null);
        }
        JsonNode level1 = parse(r1.body());
        if (r1.statusCode() != 200 || level1 == null || !"00".equals(level1.path("code").asText(null))) {
            return new CheckOutcome(system.agencyCode(), system.baseUrl(), at, CheckOutcome.State.DOWN, r1.statusCode(),
                    latency, "level 1 answered HTTP " + r1.statusCode(), List.of(), null);
        }
        // Đ7.4: the system's clock against ours, by the time its level-1 answer carries
        JsonNode time = level1.path("time");
        Long clockSkew = time.isTextual() ? PeerClock.skewMillis(time.asText(), at, roundTrip) : null;
        List<CheckOutcome.ServiceState> services = new ArrayList<>();
        String dependencyDown = null;
        if (level2Expected && r2 != null) {
            JsonNode body = parse(r2.body());
            if (body != null) {
                for (JsonNode service : body.path("services")) {
                    String status = service.path("status").asText("UNKNOWN");
                    services.add(new CheckOutcome.ServiceState(service.path("name").asText(), status));
                    if (!"UP".equals(status)) {
                        dependencyDown = service.path("name").asText();
                    }
                }
            } else {
                dependencyDown = "level 2 answer unreadable";
            }
        }
        CheckOutcome.State state = dependencyDown != null ? CheckOutcome.State.DEGRADED
                : latency > settings.slowAfter().toMillis() ? CheckOutcome.State.SLOW : CheckOutcome.State.UP;
        String error = dependencyDown != null ? "dependency down: " + dependencyDown
                : state == CheckOutcome.State.SLOW ? "answered in " + latency + " ms" : null;
        return new CheckOutcome(system.agencyCode(), system.baseUrl(), at, state, r1.statusCode(), latency, error, services,
                clockSkew);
    }

    private CompletableFuture<HttpResponse<String>> get(String url) {
        try {
            return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout()).GET().build(),
                    // a status answer is small; a system answering without end fails its check instead
                    vn.hanoi.lgsp.http.BoundedBody.ofString(MAX_STATUS_ANSWER));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void stop() {
        started = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
