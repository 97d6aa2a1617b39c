package vn.hanoi.lgsp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.agency.AgencySystem;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.support.PlatformNode;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * R-05 (Đ7.5): two engine nodes on one PostgreSQL poll each agency system once per interval
 * between them, not once each. The second node is a whole platform in a JVM of its own
 * (its own engine, job executor, web server and poller) on the same database, as in production.
 */
class TwoEngineNodesTest extends PlatformTest {

    static final String COMMUNE = "000.00.63.H26";

    @Autowired
    AgencySystems systems;
    @Autowired
    ConnectionPoller poller;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void aSystemIsPolledOncePerIntervalByTheClusterNotOncePerNode() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        HttpServer system = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        system.createContext("/status", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/status")) {
                checks.incrementAndGet();
            }
            byte[] body = exchange.getRequestURI().getPath().endsWith("/services")
                    ? "{\"code\":\"00\",\"services\":[]}".getBytes() : "{\"code\":\"00\",\"status\":\"UP\"}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        system.start();
        PlatformNode second = null;
        try {
            // the test configuration polls every second
            systems.register(new AgencySystem(COMMUNE, "http://127.0.0.1:" + system.getAddress().getPort(), false, null,
                    false, true, 60));
            second = PlatformNode.like(environment, "second-engine", java.util.Map.of("lgsp.roles", "engine"))
                    .start(java.time.Duration.ofMinutes(3));

            Thread.sleep(2000);
            int before = checks.get();
            Thread.sleep(8000);
            int together = checks.get() - before;
            // one node polling alone would make about 8; two nodes polling each on their own about 16
            assertThat(together).as("checks in 8 s with two nodes").isBetween(5, 10);

            // and the second node really polls: with the first one's poller stopped, checks go on
            poller.stop();
            int alone = checks.get();
            Thread.sleep(5000);
            assertThat(checks.get() - alone).as("checks in 5 s by the second node alone").isBetween(3, 7);
        } finally {
            if (!poller.isRunning()) {
                poller.start();
            }
            if (second != null) {
                second.stop();
            }
            jdbc.update("delete from lgsp.agency_system where agency_code = ?", COMMUNE);
            system.stop(0);
        }
    }
}
