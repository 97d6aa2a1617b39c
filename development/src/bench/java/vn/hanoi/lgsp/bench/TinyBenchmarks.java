package vn.hanoi.lgsp.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every benchmark at a tiny size, one after the other in one JVM on one set of fresh servers:
 * what the suite runs so that a change that breaks a benchmark breaks the build. Nothing is
 * timed here; each run must complete and its counts balance. Exit status 0 when all did.
 */
public final class TinyBenchmarks {

    /** Sizes of a few seconds of load each; set only where the caller set nothing. */
    static final Map<String, String> SIZES = Map.ofEntries(
            Map.entry("bench.exchanges", "10"),
            Map.entry("bench.concurrency", "4"),
            Map.entry("bench.warm-up", "5"),
            Map.entry("bench.exchange-paced-rate", "2"),
            Map.entry("bench.paced-seconds", "2"),
            Map.entry("bench.exchange-paced-seconds", "2"),
            Map.entry("bench.connections", "8"),
            Map.entry("bench.seconds", "2"),
            Map.entry("bench.paced-rate", "20"),
            Map.entry("bench.warm-up-seconds", "1"),
            Map.entry("bench.documents", "2000"),
            Map.entry("bench.requests", "2"),
            Map.entry("bench.warm-up-requests", "1"));

    private TinyBenchmarks() {
    }

    public static void main(String[] args) {
        SIZES.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        Map<String, Boolean> outcomes = new LinkedHashMap<>();
        outcomes.put("exchange", ExchangeBenchmark.runOnce());
        outcomes.put("gateway", GatewayBenchmark.runOnce());
        outcomes.put("dashboard", DashboardBenchmark.runOnce());
        outcomes.forEach((name, ok) -> System.out.printf("tiny %s benchmark: %s%n", name, ok ? "completed, counts balance"
                : "FAILED"));
        System.exit(outcomes.containsValue(false) ? 1 : 0);
    }
}
