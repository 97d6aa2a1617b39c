package vn.hanoi.lgsp.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.monitoring.GatewayUsage;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * Reconciliation against the real stack (App1 §3.6, R-20): the LGSP's counts of a month's
 * gateway calls come from Elasticsearch; the provider and the consumer upload theirs through
 * the API with their systems' tokens; a difference opens DOST's settling task, a month where
 * everyone agrees closes without one; each side can write only its own side, and bad counts
 * are refused with every problem named.
 */
class ReconciliationTest extends PlatformTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    static final String DOST = "000.00.12.H26";

    @Autowired
    TransactionLog transactions;
    @Autowired
    GatewayUsage usage;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired
    ProcessEngine engine;
    @Autowired
    vn.hanoi.lgsp.catalog.ServiceCatalog catalog;

    String justice;
    String ward;
    String operator;

    @BeforeEach
    void clients() {
        justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD));
        operator = keycloak.operatorToken();
    }

    @Test
    void aProviderCountThatDiffersOpensTheSettlingTaskAndItsOutcomeIsRecorded() {
        String period = "2019-03";
        String service = seed(period, 10, 1);
        open(period);

        // each side reads only its own lines, with the LGSP's counts
        JsonNode lines = api.get("/api/v1/reconciliation/" + period, justice).body().path("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("lgsp").path("total").asLong()).isEqualTo(10);
        assertThat(lines.get(0).path("lgsp").path("failed").asLong()).isEqualTo(1);

        Api.Reply provider = api.postJson("/api/v1/reconciliation/" + period, justice, upload(service, 11, 1));
        assertThat(provider.status()).as(provider.body().toString()).isEqualTo(200);
        Api.Reply consumer = api.postJson("/api/v1/reconciliation/" + period, ward, upload(service, 10, 1));
        assertThat(consumer.message()).contains("every line now has both sides' counts");

        String instance = instanceOf(period);
        await().atMost(Duration.ofSeconds(60)).until(() -> settlingTask(instance) != null);
        Task settle = settlingTask(instance);
        assertThat(engine.getTaskService().getIdentityLinksForTask(settle.getId()))
                .anyMatch(l -> "dost-operators".equals(l.getGroupId()));
        assertThat(engine.getRuntimeService().getVariable(instance, "differenceSummary").toString())
                .contains(service).contains("bên cung cấp 11");
        assertThat(api.get("/api/v1/reconciliation/" + period, operator).body().path("period").path("status").asText())
                .isEqualTo("SETTLING");

        engine.getIdentityService().setAuthentication("operator", List.of("dost-operators"));
        try {
            engine.getTaskService().complete(settle.getId(), Map.of("settlement",
                    "Hai bên thống nhất dùng số liệu của LGSP: 10 lượt"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(api.get("/api/v1/reconciliation/" + period,
                operator).body().path("period").path("status").asText()));
        JsonNode closed = api.get("/api/v1/reconciliation/" + period, operator).body().path("period");
        assertThat(closed.path("outcome").asText()).contains("Hai bên thống nhất");
        assertThat(closed.path("settledBy").asText()).isEqualTo("operator");
        assertThat(closed.path("differences").asInt()).isEqualTo(1);
    }

    @Test
    void aMonthWhereEveryoneAgreesClosesWithoutATask() {
        String period = "2019-04";
        String service = seed(period, 6, 2);
        open(period);

        api.postJson("/api/v1/reconciliation/" + period, ward, upload(service, 6, 2));
        api.postJson("/api/v1/reconciliation/" + period, justice, upload(service, 6, 2));

        String instance = instanceOf(period);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instance).finished().count() == 1);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("Task_Settle").count()).isZero();
        JsonNode closed = api.get("/api/v1/reconciliation/" + period, operator).body().path("period");
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("differences").asInt()).isZero();
        assertThat(closed.path("outcome").asText()).contains("khớp nhau");
    }

    @Test
    void eachSideWritesOnlyItsOwnSideAndBadCountsAreRefusedWithEveryProblemNamed() {
        String period = "2019-05";
        String service = seed(period, 3, 0);
        open(period);

        // the ward neither provides nor consumes this line; and two more mistakes in the same upload
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("provider", DOST, "consumer", JUSTICE, "service", service, "total", 3, "succeeded", 3, "failed", 0));
        lines.add(Map.of("provider", JUSTICE, "consumer", WARD, "service", service, "total", 3, "succeeded", 1, "failed", 1));
        lines.add(Map.of("provider", JUSTICE, "consumer", WARD, "service", service, "total", -1, "succeeded", 0, "failed", 0));
        lines.add(Map.of("provider", "999.99.99.Z99", "consumer", WARD, "service", service, "total", 1, "succeeded", 1,
                "failed", 0));
        Api.Reply refused = api.postJson("/api/v1/reconciliation/" + period, ward, Map.of("lines", lines));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("01");
        assertThat(refused.body().path("details")).hasSize(4);
        assertThat(refused.body().toString()).contains("neither the provider nor the consumer")
                .contains("not an agency of the registry")
                .contains("succeeded + failed must equal total").contains("cannot be negative");
        // nothing was taken
        assertThat(api.get("/api/v1/reconciliation/" + period, ward).body().path("lines").get(0).path("consumed")
                .path("total").isNumber()).isFalse();

        // staff tokens, other months and bad periods
        String staff = keycloak.staffToken("staff.stp");
        assertThat(api.postJson("/api/v1/reconciliation/" + period, staff, upload(service, 3, 0)).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/reconciliation/2019-13", ward, upload(service, 3, 0)).status()).isEqualTo(400);
        String thisMonth = YearMonth.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        assertThat(api.postJson("/api/v1/reconciliation/" + thisMonth + "/start", operator, Map.of()).message())
                .contains("has ended");
        assertThat(api.postJson("/api/v1/reconciliation/" + period + "/start", operator, Map.of()).error())
                .isEqualTo("DUPLICATE");
        assertThat(api.postJson("/api/v1/reconciliation/2019-06/start", justice, Map.of()).status()).isEqualTo(403);
    }

    /** Gateway calls of the ward to a service of the justice department in that month, shipped to Elasticsearch. */
    private String seed(String period, int calls, int failed) {
        String service = "recon-" + UUID.randomUUID().toString().substring(0, 8);
        registered(service);
        YearMonth month = YearMonth.parse(period);
        Instant at = month.atDay(10).atTime(9, 0).atZone(Reconciliations.HANOI).toInstant();
        List<TransactionDocument> documents = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            boolean ok = i >= failed;
            documents.add(new TransactionDocument(UUID.randomUUID().toString(), at.plusSeconds(i), "gateway-call", "GET",
                    "/api/v1/gateway/" + service + "/v1/x", WARD, JUSTICE, service, "v1", null, null, null,
                    ok ? "00" : "01", ok ? null : "UPSTREAM_TIMEOUT", ok ? 200 : 504, 50L, 0L, 10L, "production", 40L,
                    null, null));
        }
        // a test call the same month: not reconciled
        documents.add(new TransactionDocument(UUID.randomUUID().toString(), at, "gateway-call", "GET", "/x", WARD, JUSTICE,
                service, "v1", null, null, null, "00", null, 200, 50L, 0L, 10L, "test", 40L, null, null));
        transaction.executeWithoutResult(s -> transactions.recordAll(documents));
        Instant from = month.atDay(1).atStartOfDay(Reconciliations.HANOI).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(Reconciliations.HANOI).toInstant();
        await().atMost(Duration.ofSeconds(60)).until(() -> usage.usage(from, to, WARD, JUSTICE).stream()
                .filter(r -> r.service().equals(service)).mapToLong(GatewayUsage.Row::calls).sum() == calls + 1);
        return service;
    }

    /** A published service of the justice department, as the catalog holds it. */
    private void registered(String service) {
        catalog.register(new vn.hanoi.lgsp.catalog.ServiceCatalog.NewService(service, "Tra cứu đối soát " + service, null,
                JUSTICE, vn.hanoi.lgsp.catalog.DataClassification.PUBLIC, "v1", "http://127.0.0.1:9/api", null, null, null,
                null), "test");
    }

    private void open(String period) {
        Api.Reply started = api.postJson("/api/v1/reconciliation/" + period + "/start", operator, Map.of());
        assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
    }

    private String instanceOf(String period) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("reconciliation-" + period).singleResult().getId();
    }

    private Task settlingTask(String instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Settle")
                .singleResult();
    }

    private static Map<String, Object> upload(String service, int total, int failed) {
        return Map.of("lines", List.of(Map.of("provider", JUSTICE, "consumer", WARD, "service", service, "total", total,
                "succeeded", total - failed, "failed", failed)));
    }
}
