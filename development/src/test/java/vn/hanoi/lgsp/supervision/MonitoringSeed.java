package vn.hanoi.lgsp.supervision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import vn.hanoi.lgsp.monitoring.TransactionDocument;

/**
 * Transaction documents of one made-up agency, so a test can assert the dashboard's exact
 * figures whatever else the shared stack has recorded: 7 API calls (5 answered {@code 00},
 * 2 {@code 01} VALIDATION_FAILED) and 3 gateway calls to one service (2 {@code 00}, 1
 * {@code 01} UPSTREAM_TIMEOUT).
 */
final class MonitoringSeed {

    static final long TOTAL = 10;
    static final long SUCCEEDED = 7;
    static final long FAILED = 3;
    static final long GATEWAY_CALLS = 3;
    /** A service of the demo catalog, so that its name is known; the figures are the seed's alone all the same. */
    static final String SERVICE = "hotich-tra-cuu";

    private MonitoringSeed() {
    }

    /** An agency code no real agency and no other test run uses. */
    static String uniqueAgency() {
        return String.format("9%02d.%02d.%02d.T%02d", ThreadLocalRandom.current().nextInt(100),
                ThreadLocalRandom.current().nextInt(100), ThreadLocalRandom.current().nextInt(100),
                ThreadLocalRandom.current().nextInt(100));
    }

    static List<TransactionDocument> documents(String agency) {
        Instant now = Instant.now();
        List<TransactionDocument> documents = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            boolean ok = i < 5;
            documents.add(new TransactionDocument(UUID.randomUUID().toString(), now.minusMillis(i), "api-call", "POST",
                    "/api/v1/exchanges", agency, null, null, null, null, null, null, ok ? "00" : "01",
                    ok ? null : "VALIDATION_FAILED", ok ? 202 : 400, 20L + 10 * i, 100L, 50L, "production", null, null,
                    null));
        }
        for (int i = 0; i < 3; i++) {
            boolean ok = i < 2;
            documents.add(new TransactionDocument(UUID.randomUUID().toString(), now.minusMillis(10 + i), "gateway-call",
                    "GET", "/gateway/" + SERVICE + "/v1/records", agency, "000.00.13.H26", SERVICE, "v1", null, null, null,
                    ok ? "00" : "01", ok ? null : "UPSTREAM_TIMEOUT", ok ? 200 : 504, ok ? 120L : 300L, 0L, 500L,
                    "production", ok ? 100L : null, null, null));
        }
        return documents;
    }
}
