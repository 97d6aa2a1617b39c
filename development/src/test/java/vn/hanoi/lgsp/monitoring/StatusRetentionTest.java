package vn.hanoi.lgsp.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import vn.hanoi.lgsp.monitoring.StatusCheckDocument.State;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * connection status is kept at least 3 months in monthly indices, dropped whole once
 * their month is past the retention; checks recorded through the outbox can be read back.
 */
class StatusRetentionTest extends PlatformTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM");

    @Autowired
    RestClient rest;
    @Autowired
    ObjectMapper json;
    @Autowired
    MonitoringSettings settings;
    @Autowired
    StatusRetention defaultRetention;
    @Autowired
    StatusLog statusLog;
    @Autowired
    StatusHistory statusHistory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    private final YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
    private final String fourMonthsBack = "lgsp-status-" + thisMonth.minusMonths(4).format(MONTH);
    private final String twoMonthsBack = "lgsp-status-" + thisMonth.minusMonths(2).format(MONTH);
    private final List<String> unrelated = List.of("lgsp-status-archive", fourMonthsBack + "-restored");

    @AfterEach
    void removeTestIndices() throws IOException {
        for (String index : List.of(fourMonthsBack, twoMonthsBack, unrelated.get(0), unrelated.get(1))) {
            deleteIfPresent(index);
        }
    }

    @Test
    void threeMonthRetentionDropsTheIndexFourMonthsBackAndKeepsTheOneTwoMonthsBack() throws IOException {
        awaitStatusTemplate();
        for (String index : List.of(fourMonthsBack, twoMonthsBack, unrelated.get(0), unrelated.get(1))) {
            deleteIfPresent(index);
        }
        indexCheck(fourMonthsBack, thisMonth.minusMonths(4));
        indexCheck(twoMonthsBack, thisMonth.minusMonths(2));
        for (String index : unrelated) {
            indexCheck(index, thisMonth.minusMonths(4));
        }
        Instant now = Instant.now();

        assertThat(defaultRetention.dropExpired(now)).as("the default 6 months keep both")
                .doesNotContain(fourMonthsBack, twoMonthsBack);

        MonitoringSettings.Status status = settings.status();
        StatusRetention threeMonths = new StatusRetention(rest, json, new MonitoringSettings(settings.indexPrefix(),
                settings.environment(), settings.shipper(),
                new MonitoringSettings.Status(status.indexPrefix(), Period.ofMonths(3), status.dropAt())));
        List<String> dropped = threeMonths.dropExpired(now);

        assertThat(dropped).containsExactly(fourMonthsBack);
        assertThat(exists(fourMonthsBack)).isFalse();
        assertThat(exists(twoMonthsBack)).isTrue();
        assertThat(count(twoMonthsBack)).isEqualTo(1);
        for (String index : unrelated) {
            assertThat(exists(index)).as(index + " is not a monthly status index").isTrue();
            assertThat(count(index)).isEqualTo(1);
        }
        assertThat(threeMonths.dropExpired(now)).as("nothing left to drop").isEmpty();
    }

    @Test
    void recordedChecksBecomeSearchableNewestFirstAndRolledBackOnesNever() throws IOException {
        String agency = "H26.T" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StatusCheckDocument up = check(agency, now.minus(3, ChronoUnit.MINUTES), 1, null, State.UP, 200);
        StatusCheckDocument degraded = check(agency, now.minus(2, ChronoUnit.MINUTES), 2, null, State.DEGRADED, 200);
        StatusCheckDocument serviceDown = check(agency, now.minus(2, ChronoUnit.MINUTES), 2, "tra-cuu-ho-so",
                State.DOWN, null);
        StatusCheckDocument slow = check(agency, now.minus(1, ChronoUnit.MINUTES), 1, null, State.SLOW, 200);
        StatusCheckDocument tooOld = check(agency, now.minus(2, ChronoUnit.HOURS), 1, null, State.UP, 200);
        StatusCheckDocument otherAgency = check(agency + "X", now.minus(1, ChronoUnit.MINUTES), 1, null, State.UP, 200);
        StatusCheckDocument rolledBack = check(agency, now.minus(30, ChronoUnit.SECONDS), 1, null, State.DOWN, 503);

        transactions.executeWithoutResult(tx -> {
            statusLog.record(up);
            statusLog.record(degraded);
            statusLog.record(serviceDown);
        });
        for (StatusCheckDocument document : List.of(slow, tooOld, otherAgency)) {
            statusLog.record(document);
        }
        transactions.executeWithoutResult(tx -> {
            statusLog.record(rolledBack);
            tx.setRollbackOnly();
        });
        assertThat(pendingInOutbox(List.of(rolledBack.checkId()))).isZero();

        List<String> ids = List.of(up.checkId(), degraded.checkId(), serviceDown.checkId(), slow.checkId(),
                tooOld.checkId(), otherAgency.checkId());
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingInOutbox(ids) == 0);
        rest.performRequest(new Request("POST", "/lgsp-status-*/_refresh"));

        Instant from = now.minus(1, ChronoUnit.HOURS);
        assertThat(statusHistory.history(agency, from, now, 10)).containsExactly(slow, degraded, serviceDown, up);
        assertThat(statusHistory.history(agency, from, now, 2)).containsExactly(slow, degraded);
        assertThat(statusHistory.history(agency, from, slow.timestamp(), 10)).as("'to' is exclusive")
                .containsExactly(degraded, serviceDown, up);
        assertThat(exists(statusLog.indexFor(slow) + "/_doc/" + slow.checkId())).isTrue();
    }

    private StatusCheckDocument check(String agency, Instant at, int level, String service, State state,
                                      Integer httpStatus) {
        return new StatusCheckDocument(UUID.randomUUID().toString(), at, agency, "https://" + agency + ".example/status",
                level, service, state, httpStatus, 42L, state == State.DOWN ? "connect timed out" : null, false,
                statusLog.environment(), null);
    }

    private void indexCheck(String index, YearMonth month) throws IOException {
        Instant at = month.atDay(10).atTime(12, 0).toInstant(ZoneOffset.UTC);
        StatusCheckDocument document = check("H26.RETENTION", at, 1, null, State.UP, 200);
        Request put = new Request("PUT", "/" + index + "/_doc/" + document.checkId());
        put.addParameter("refresh", "true");
        put.setJsonEntity(json.writeValueAsString(document));
        rest.performRequest(put);
    }

    /** Indices created before the shipper applied the templates would get a dynamic mapping. */
    private void awaitStatusTemplate() {
        await().atMost(Duration.ofSeconds(30)).until(() -> exists("_index_template/lgsp-status"));
    }

    private boolean exists(String path) throws IOException {
        try {
            return rest.performRequest(new Request("HEAD", "/" + path)).getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            return false;
        }
    }

    private long count(String index) throws IOException {
        try (InputStream body = rest.performRequest(new Request("GET", "/" + index + "/_count")).getEntity().getContent()) {
            return json.readTree(body).path("count").asLong();
        }
    }

    private void deleteIfPresent(String index) throws IOException {
        if (exists(index)) {
            rest.performRequest(new Request("DELETE", "/" + index));
        }
    }

    private int pendingInOutbox(List<String> ids) {
        return jdbc.queryForObject("select count(*) from lgsp.monitoring_outbox where document_id = any (?)",
                Integer.class, (Object) ids.toArray(String[]::new));
    }
}
