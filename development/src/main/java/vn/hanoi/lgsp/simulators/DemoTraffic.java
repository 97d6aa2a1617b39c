package vn.hanoi.lgsp.simulators;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a fresh demo database, the Department of Justice's simulated system sends a few records
 * through the agency API, so that a newcomer finds exchanges in every state at once: one
 * completed inside the city, one through NDXP, one waiting in a ward's inbox, one refused (and, from
 * {@link Simulators}, one the Government Office sends the ward through NDXP); and a
 * procedure's result sent to its applicant by post, so the postal service has a shipment to follow.
 */
final class DemoTraffic {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    private static final String SOURCE_CLIENT = "sotuphap-system";
    private static final String SOURCE_SECRET = "Sotuphap#Demo2025";

    private record Demo(String destination, String text, Map<String, Object> applicant) {
    }

    private static final List<Demo> RECORDS = List.of(
            new Demo("000.00.61.H26", "Phiếu đề nghị xác minh lý lịch tư pháp (hồ sơ mẫu)", null),
            new Demo("000.00.00.G22", "Báo cáo tình hình công tác tư pháp gửi Văn phòng Chính phủ (hồ sơ mẫu)", null),
            new Demo("000.00.62.H26", "Công văn đề nghị phối hợp gửi UBND phường Ba Đình (hồ sơ mẫu, chờ trong hộp thư)", null),
            new Demo("000.00.61.H26", "Hồ sơ có người nộp không xác thực được (hồ sơ mẫu)",
                    Map.of("citizenId", "001999999999", "fullName", "Người Thử Nghiệm")));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String lgspBaseUrl;
    private final ClientCredentialsToken token;

    DemoTraffic(String lgspBaseUrl, String tokenUrl) {
        this.lgspBaseUrl = lgspBaseUrl;
        this.token = new ClientCredentialsToken(tokenUrl, SOURCE_CLIENT, SOURCE_SECRET);
    }

    void send() {
        for (Demo demo : RECORDS) {
            try {
                byte[] content = demo.text().getBytes(StandardCharsets.UTF_8);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("procedureCode", "1.000001.000.00.13.H26");
                body.put("destination", demo.destination());
                body.put("payload", Map.of("contentType", "text/plain",
                        "content", Base64.getEncoder().encodeToString(content),
                        "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))));
                if (demo.applicant() != null) {
                    body.put("applicant", demo.applicant());
                }
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(lgspBaseUrl + "/api/v1/exchanges"))
                        .header("Authorization", "Bearer " + token.get())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "demo-" + UUID.nameUUIDFromBytes(content))
                        .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
                log.info("Demo record for {}: HTTP {}", demo.destination(), response.statusCode());
            } catch (Exception e) {
                log.warn("Demo record for {} not sent: {}", demo.destination(), e.toString());
            }
        }
        sendShipment();
    }

    /** One dossier number: on a database that has it, the request is answered with the same shipment. */
    private void sendShipment() {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("name", "Nguyễn Văn An");
        recipient.put("phone", "0912345678");
        recipient.put("address", "Số 12 phố Hàng Bạc");
        recipient.put("provinceCode", "01");
        recipient.put("wardCode", "00070");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dossierNumber", "000.00.13.H26-MAU-0001");
        body.put("procedureCode", "1.001193.000.00.00.H26");
        body.put("serviceLevel", "EXPRESS");
        body.put("recipient", recipient);
        body.put("items", List.of(Map.of("name", "Trích lục khai sinh (mẫu)", "weightGrams", 40)));
        body.put("codAmount", 0);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(lgspBaseUrl
                            + "/api/v1/postal/shipments"))
                    .header("Authorization", "Bearer " + token.get())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            log.info("Demo postal shipment: HTTP {}", response.statusCode());
        } catch (Exception e) {
            log.warn("Demo postal shipment not sent: {}", e.toString());
        }
    }
}
