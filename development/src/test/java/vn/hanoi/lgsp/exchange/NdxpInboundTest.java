package vn.hanoi.lgsp.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.simulators.AgencySystemSimulator;
import vn.hanoi.lgsp.simulators.NdxpSimulator;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.workercontract.NdxpRecords;

/**
 * Records into Hanoi through NDXP (R-01 "to/from NDXP", Đ4.3, Đ7.1), on the real stack: the
 * NDXP simulator plays a ministry and another province; the record is delivered to the Hanoi
 * agency's system, and the receipt and the agency's result go back to the sender through NDXP.
 */
class NdxpInboundTest extends PlatformTest {

    private static final String GOVERNMENT_OFFICE = "VN:GOV:000.00.00.G22:edoc";
    private static final String NGHE_AN = "VN:GOV:000.00.00.H41:lgsp";
    private static final String HOAN_KIEM_WARD = "000.00.61.H26";
    private static final String PROCEDURE = "1.001193.000.00.00.H26";
    private static final Duration END_TO_END = Duration.ofSeconds(90);

    @Autowired
    Simulators simulators;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void ndxpBackUp() {
        ndxp().behaviour().reset();
    }

    @Test
    void aMinistrysRecordReachesTheWardAndTheResultGoesBackThroughNdxp() {
        String text = "Công văn của Văn phòng Chính phủ gửi UBND phường Hoàn Kiếm " + UUID.randomUUID();

        NdxpSimulator.InboundAnswer answer = ndxp().deliverToLgsp(
                new NdxpSimulator.Inbound(GOVERNMENT_OFFICE, null, HOAN_KIEM_WARD, PROCEDURE, text));

        assertThat(answer.status()).as(answer.answer().toString()).isEqualTo(202);
        assertThat(answer.answer().path("code").asText()).isEqualTo("00");
        String exchangeId = answer.answer().path("exchangeId").asText();
        await().atMost(END_TO_END).until(() -> ward().receivedContent(exchangeId).isPresent());
        assertThat(ward().receivedContent(exchangeId)).hasValue(text.getBytes(StandardCharsets.UTF_8));

        Map<String, JsonNode> told = awaitEvents(answer.messageId(), NdxpRecords.Events.RECEIVED, NdxpRecords.Events.RESULT);
        assertThat(told.get(NdxpRecords.Events.RECEIVED).path("receivedSha256").asText())
                .isEqualTo(RecordValidator.sha256Hex(text.getBytes(StandardCharsets.UTF_8)));
        JsonNode result = told.get(NdxpRecords.Events.RESULT);
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("result").path("code").asText()).isEqualTo("00");
        assertThat(result.path("exchangeId").asText()).isEqualTo(exchangeId);

        Map<String, Object> row = jdbc.queryForMap("select source_code, destination_code, idempotency_key, status"
                + " from lgsp.exchange where id = ?::uuid", exchangeId);
        assertThat(row).containsEntry("source_code", "000.00.00.G22").containsEntry("destination_code", HOAN_KIEM_WARD)
                .containsEntry("idempotency_key", answer.messageId()).containsEntry("status", "COMPLETED");
    }

    @Test
    void theSameNdxpMessageTwiceIsOneExchange() {
        String messageId = "ndxp-" + UUID.randomUUID();
        NdxpSimulator.Inbound record = new NdxpSimulator.Inbound(NGHE_AN, messageId, HOAN_KIEM_WARD, PROCEDURE,
                "Hồ sơ từ tỉnh Nghệ An " + UUID.randomUUID());

        NdxpSimulator.InboundAnswer first = ndxp().deliverToLgsp(record);
        NdxpSimulator.InboundAnswer second = ndxp().deliverToLgsp(record);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.answer().path("duplicate").asBoolean()).isTrue();
        assertThat(second.answer().path("exchangeId").asText()).isEqualTo(first.answer().path("exchangeId").asText());
        assertThat(jdbc.queryForObject("select count(*) from lgsp.exchange where idempotency_key = ?", Integer.class,
                messageId)).isEqualTo(1);
        String exchangeId = first.answer().path("exchangeId").asText();
        awaitEvents(messageId, NdxpRecords.Events.RESULT);
        assertThat(ward().deliveries(exchangeId)).isEqualTo(1);
    }

    @Test
    void anUnknownHanoiAgencyIsRefusedToNdxpWithItsReason() {
        NdxpSimulator.InboundAnswer answer = ndxp().deliverToLgsp(new NdxpSimulator.Inbound(GOVERNMENT_OFFICE, null,
                "000.00.98.H26", PROCEDURE, "Hồ sơ gửi đơn vị không có"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.answer().path("code").asText()).isEqualTo("01");
        assertThat(answer.answer().path("message").asText()).contains("000.00.98.H26").contains("not registered");
    }

    @Test
    void aDestinationOutsideHanoiIsRefused() {
        NdxpSimulator.InboundAnswer answer = ndxp().deliverToLgsp(new NdxpSimulator.Inbound(GOVERNMENT_OFFICE, null,
                "000.00.00.H41", PROCEDURE, "Hồ sơ gửi nhầm tỉnh"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.answer().path("code").asText()).isEqualTo("01");
        assertThat(answer.answer().path("message").asText()).contains("destination").contains("Hanoi agency");
    }

    @Test
    void onlyNdxpsCredentialMayNameTheSender() {
        String body = record("Hồ sơ giả danh " + UUID.randomUUID());
        Map<String, String> asMinistry = Map.of(NdxpRecords.CLIENT_HEADER, GOVERNMENT_OFFICE,
                NdxpRecords.MESSAGE_ID_HEADER, "forged-" + UUID.randomUUID(), "Content-Type", "application/json");
        String justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);

        Api.Reply agency = api.call("POST", NdxpRecords.INBOUND_PATH, justice, asMinistry, body);
        Api.Reply anonymous = api.call("POST", NdxpRecords.INBOUND_PATH, null, asMinistry, body);
        Api.Reply forgedToken = api.call("POST", NdxpRecords.INBOUND_PATH, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJuZHhwIn0.",
                asMinistry, body);

        assertThat(agency.status()).as("an agency's own credential asserting a ministry").isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(forgedToken.status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.exchange where idempotency_key = ?", Integer.class,
                asMinistry.get(NdxpRecords.MESSAGE_ID_HEADER))).isZero();
    }

    @Test
    void ndxpMayNotSpeakForAHanoiAgencyNorLeaveTheSenderOut() {
        String ndxpToken = keycloak.clientToken("ndxp-national", "Ndxp#Demo2025");
        String body = record("Hồ sơ " + UUID.randomUUID());

        Api.Reply hanoiSender = api.call("POST", NdxpRecords.INBOUND_PATH, ndxpToken, Map.of(
                NdxpRecords.CLIENT_HEADER, "VN:GOV:000.00.13.H26:qlvb", NdxpRecords.MESSAGE_ID_HEADER, "m-" + UUID.randomUUID(),
                "Content-Type", "application/json"), body);
        Api.Reply noSender = api.call("POST", NdxpRecords.INBOUND_PATH, ndxpToken, Map.of(
                NdxpRecords.MESSAGE_ID_HEADER, "m-" + UUID.randomUUID(), "Content-Type", "application/json"), body);
        Api.Reply malformed = api.call("POST", NdxpRecords.INBOUND_PATH, ndxpToken, Map.of(
                NdxpRecords.CLIENT_HEADER, "000.00.00.G22", NdxpRecords.MESSAGE_ID_HEADER, "m-" + UUID.randomUUID(),
                "Content-Type", "application/json"), body);

        assertThat(hanoiSender.status()).isEqualTo(403);
        assertThat(hanoiSender.message()).contains("Hanoi agency");
        assertThat(noSender.status()).isEqualTo(400);
        assertThat(noSender.code()).isEqualTo("01");
        assertThat(noSender.message()).contains(NdxpRecords.CLIENT_HEADER);
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void theResultWaitsForNdxpWhenItIsDownAndIsToldOnce() {
        String text = "Hồ sơ khi NDXP gián đoạn " + UUID.randomUUID();
        // the receipt and the first tries of what follows meet an NDXP answering 500
        ndxp().behaviour().failNext(3);

        NdxpSimulator.InboundAnswer answer = ndxp().deliverToLgsp(
                new NdxpSimulator.Inbound(GOVERNMENT_OFFICE, null, HOAN_KIEM_WARD, PROCEDURE, text));

        assertThat(answer.status()).isEqualTo(202);
        Map<String, JsonNode> told = awaitEvents(answer.messageId(), NdxpRecords.Events.RECEIVED, NdxpRecords.Events.RESULT);
        assertThat(told.get(NdxpRecords.Events.RESULT).path("result").path("code").asText()).isEqualTo("00");
        assertThat(ndxp().inboundRepeats(answer.messageId(), NdxpRecords.Events.RESULT)).isZero();
        assertThat(ndxp().behaviour().getPendingFailures()).isZero();
    }

    private Map<String, JsonNode> awaitEvents(String messageId, String... kinds) {
        await().atMost(END_TO_END).pollInterval(Duration.ofMillis(250))
                .until(() -> ndxp().inboundEvents(messageId).keySet().containsAll(java.util.List.of(kinds)));
        return ndxp().inboundEvents(messageId);
    }

    private static String record(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return "{\"procedureCode\":\"" + PROCEDURE + "\",\"destination\":\"" + HOAN_KIEM_WARD + "\",\"payload\":{"
                + "\"contentType\":\"text/plain\",\"content\":\"" + Base64.getEncoder().encodeToString(bytes)
                + "\",\"sha256\":\"" + RecordValidator.sha256Hex(bytes) + "\"}}";
    }

    private NdxpSimulator ndxp() {
        return simulators.ndxp();
    }

    private AgencySystemSimulator ward() {
        return simulators.agency(HOAN_KIEM_WARD).orElseThrow();
    }
}
