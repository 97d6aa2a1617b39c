package vn.hanoi.lgsp.postal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.devservices.DevServices;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.simulators.VnpostSimulator;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.support.Traces;
import vn.hanoi.lgsp.workercontract.PostalProcess;

/**
 * The postal service on the real stack: the LGSP's workers reach the simulated
 * VNPost through the simulated NDXP, VNPost calls back through NDXP, and the Department of
 * Justice's simulated one-stop system hears of every status.
 */
class PostalServiceTest extends PlatformTest {

    private static final String JUSTICE = Keycloak.JUSTICE_SYSTEM.agencyCode();
    private static final String SHIPMENTS = "/api/v1/postal/shipments";

    @Value("${logging.file.name}")
    String platformLog;
    @Autowired
    Simulators simulators;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RestClient elasticsearch;
    @Autowired
    TaskService tasks;

    @Test
    void deliveredShipmentTellsTheAgencyEveryStatusAndLeavesNoTraceOfTheRecipient() throws Exception {
        simulators.vnpost().outcome(VnpostSimulator.Outcome.DELIVERED);
        String name = "Đỗ Thị Hằng " + letters();
        String phone = "09" + digits(8);
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        String dossier = dossier();

        Api.Reply accepted = api.postJson(SHIPMENTS, justice, shipment(dossier, name, phone, "01", "00070", 0));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(201);
        String id = accepted.body().path("shipment").path("shipmentId").asText();

        JsonNode shipment = awaitStatus(api, justice, id, "DELIVERED");
        assertThat(shipment.path("trackingNumber").asText()).matches("EH[0-9]{9}VN");
        assertThat(shipment.path("feeDong").asLong()).as("VNPost's fee, kept for reconciliation").isPositive();
        AgencySystemSimulator system = simulators.agency(JUSTICE).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(system.postalStatuses(id))
                .containsExactly("ACCEPTED", "PICKED_UP", "IN_TRANSIT", "DELIVERED"));
        awaitEnded(id);
        assertThat(simulators.ndxp().trackingStates(dossier)).as("the national tracking of dossiers")
                .containsExactly(PostalProcess.TrackingStates.RESULT_SENT, PostalProcess.TrackingStates.RESULT_RETURNED);
        assertThat(api.postJson(SHIPMENTS, justice, shipment(dossier, name, phone, "01", "00070", 0)).status())
                .as("the same dossier again finds the ended shipment").isEqualTo(200);

        // the recipient is in no table, index or log once the shipment has ended
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from lgsp.monitoring_outbox where index_name like 'lgsp-transactions-%'", Integer.class) == 0);
        List<String> traces = List.of(name, phone);
        assertThat(Traces.tablesContaining(jdbc, traces)).as("tables holding the recipient").isEmpty();
        // sealed from the start, so not even PostgreSQL's files (WAL, dead rows) ever held it in clear
        jdbc.execute("checkpoint");
        assertThat(Traces.filesContaining(DevServices.current().orElseThrow().postgresDataDirectory(), traces))
                .as("files under PostgreSQL's data directory holding the recipient").isEmpty();
        String indexed = Traces.elasticsearchDocuments(elasticsearch);
        assertThat(indexed).as("the shipment's steps were indexed").contains(id);
        traces.forEach(trace -> assertThat(indexed).doesNotContain(trace));
        List<Path> logs = new ArrayList<>(DevServices.current().orElseThrow().logFiles());
        logs.add(Path.of(platformLog));
        assertThat(Traces.read(Path.of(platformLog))).as("the platform log covers the shipment").contains(dossier);
        for (Path log : logs) {
            String text = Traces.read(log);
            traces.forEach(trace -> assertThat(text).as("log " + log).doesNotContain(trace));
        }
        assertThat(simulators.vnpost().recipientsHeld()).as("orders under way at VNPost").isZero();
    }

    @Test
    void failedTriedAgainAndReturnedBecomesATaskForTheAgencysStaff() {
        simulators.vnpost().outcome(VnpostSimulator.Outcome.RETURNED);
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        Api.Reply accepted = api.postJson(SHIPMENTS, justice, shipment(dossier(), "Lê Văn Tám", "0912" + digits(6),
                "01", "00004", 35_000));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(201);
        String id = accepted.body().path("shipment").path("shipmentId").asText();

        JsonNode shipment = awaitStatus(api, justice, id, "RETURNED");
        assertThat(shipment.path("deliveryAttempts").asInt()).isEqualTo(2);
        assertThat(shipment.path("codAmount").asLong()).isEqualTo(35_000);
        AgencySystemSimulator system = simulators.agency(JUSTICE).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(system.postalStatuses(id)).containsExactly(
                "ACCEPTED", "PICKED_UP", "IN_TRANSIT", "DELIVERY_FAILED", "IN_TRANSIT", "DELIVERY_FAILED", "RETURNED"));
        Task task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(id).taskDefinitionKey("Task_Returned").singleResult(), t -> t != null);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser("staff.stp").count())
                .as("the justice department's own staff").isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser("reviewer").count())
                .as("not another agency's staff").isZero();
    }

    /** VNPost away, then failing twice: the order waits and is retried, and VNPost takes it once. */
    @Test
    void vnpostDownOrFailingLosesNoShipmentAndTakesTheOrderOnce() {
        simulators.vnpost().outcome(VnpostSimulator.Outcome.DELIVERED);
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        String dossier = dossier();
        simulators.vnpost().behaviour().setDown(true);
        try {
            Api.Reply accepted = api.postJson(SHIPMENTS, justice, shipment(dossier, "Hoàng Văn Mười", "0977" + digits(6),
                    "01", "00070", 0));
            assertThat(accepted.status()).as("accepted while VNPost is away").isEqualTo(201);
            String id = accepted.body().path("shipment").path("shipmentId").asText();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    "REQUESTED".equals(api.get(SHIPMENTS + "/" + id, justice).body().path("shipment").path("status").asText()));
            simulators.vnpost().behaviour().setDown(false);
            simulators.vnpost().behaviour().failNext(2);
            JsonNode shipment = awaitStatus(api, justice, id, "DELIVERED");
            assertThat(shipment.path("statuses").findValuesAsText("status"))
                    .containsExactly("ACCEPTED", "PICKED_UP", "IN_TRANSIT", "DELIVERED");
            assertThat(simulators.vnpost().hasOrder(JUSTICE, dossier)).isTrue();
            assertThat(simulators.vnpost().orders(JUSTICE, dossier)).as("orders VNPost took for the dossier").isEqualTo(1);
        } finally {
            simulators.vnpost().behaviour().setDown(false);
            simulators.vnpost().behaviour().reset();
        }
    }

    @Test
    void badRequestNamesEveryProblemAndSendsNothing() {
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        String dossier = dossier();
        Map<String, Object> body = shipment(dossier, "Trần Văn Bảy", null, "01", "99999", 0);
        body.put("codAmount", "ba mươi nghìn");

        Api.Reply refused = api.postJson(SHIPMENTS, justice, body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("01");
        assertThat(refused.body().path("details").findValuesAsText("field"))
                .contains("recipient.phone", "recipient.wardCode", "codAmount");
        assertThat(refused.message()).contains("nothing was sent");

        // Phường Sài Gòn: a ward, but of Ho Chi Minh City
        Api.Reply elsewhere = api.postJson(SHIPMENTS, justice, shipment(dossier, "Trần Văn Bảy", "0912345678", "01",
                "26740", 0));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.message()).contains("is not in province 01");

        assertThat(jdbc.queryForObject("select count(*) from lgsp.postal_shipment where dossier_number = ?",
                Integer.class, dossier)).isZero();
        assertThat(simulators.vnpost().hasOrder(JUSTICE, dossier)).isFalse();
    }

    @Test
    void anotherAgencyDoesNotSeeTheShipmentAndATestCredentialSendsNothingByPost() {
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        Api.Reply accepted = api.postJson(SHIPMENTS, justice, shipment(dossier(), "Vũ Văn Chín", "0933" + digits(6),
                "01", "00376", 0));
        String id = accepted.body().path("shipment").path("shipmentId").asText();

        String dost = keycloak.clientToken(Keycloak.DOST_SYSTEM);
        assertThat(api.get(SHIPMENTS + "/" + id, dost).status()).as("another agency's shipment").isEqualTo(404);
        assertThat(api.get(SHIPMENTS, dost).body().path("shipments").findValuesAsText("shipmentId")).doesNotContain(id);
        assertThat(api.get(SHIPMENTS + "/" + id, justice).status()).isEqualTo(200);

        String wardTest = keycloak.clientToken("phuonghoankiem-test", "Hoankiem#Test2025");
        String dossier = dossier();
        assertThat(api.postJson(SHIPMENTS, wardTest, shipment(dossier, "Vũ Văn Chín", "0933123456", "01", "00070", 0))
                .status()).as("a test credential").isEqualTo(403);
        assertThat(simulators.vnpost().hasOrder("000.00.61.H26", dossier)).isFalse();

        // only NDXP speaks for VNPost: an agency cannot forge a status
        Api.Reply forged = api.postJson(PostalProcess.Ndxp.STATUS_CALLBACK, justice, Map.of("trackingNumber",
                "EH000000000VN", "status", "DELIVERED"));
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void applicationByPostArrivesAtTheAgencyAndVnpostIsTold() {
        AgencySystemSimulator system = simulators.agency(JUSTICE).orElseThrow();
        byte[] content = ("Tờ khai đăng ký kết hôn, nộp qua bưu điện " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String number = simulators.vnpost().sendApplication(new VnpostSimulator.Application(JUSTICE,
                "1.000894.000.00.00.H26", "text/plain", content, "001090000001", "Nguyễn Văn An"));

        String exchangeId = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "select exchange_id::text from lgsp.postal_application where application_number = ?", String.class,
                number), ids -> ids.size() == 1).get(0);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(system.receivedContent(exchangeId))
                .as("the record in the justice department's system").hasValue(content));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(simulators.vnpost().receiptOf(number))
                .as("VNPost told that the agency has it").isPresent());
        // the national tracking is told right after VNPost, by the same task
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(simulators.ndxp().trackingStates(number))
                .containsExactly(PostalProcess.TrackingStates.RECEIVED));
        assertThat(jdbc.queryForObject("select source_code from lgsp.exchange where id = ?::uuid", String.class,
                exchangeId)).isEqualTo("000.00.00.G95");
    }

    private JsonNode awaitStatus(Api api, String token, String id, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(
                () -> api.get(SHIPMENTS + "/" + id, token).body().path("shipment"),
                shipment -> status.equals(shipment.path("status").asText()));
    }

    private void awaitEnded(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from act_ru_execution where business_key_ = ?", Integer.class, id) == 0);
    }

    static Map<String, Object> shipment(String dossier, String name, String phone, String province, String ward,
                                        long cod) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("name", name);
        recipient.put("phone", phone);
        recipient.put("address", "Số 8 phố Lê Thánh Tông");
        recipient.put("provinceCode", province);
        recipient.put("wardCode", ward);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dossierNumber", dossier);
        body.put("procedureCode", "1.001193.000.00.00.H26");
        body.put("serviceLevel", "EXPRESS");
        body.put("recipient", recipient);
        body.put("items", List.of(Map.of("name", "Trích lục khai sinh", "weightGrams", 40)));
        body.put("codAmount", cod);
        return body;
    }

    private static String dossier() {
        return JUSTICE + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String digits(int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }

    private static String letters() {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }
}
