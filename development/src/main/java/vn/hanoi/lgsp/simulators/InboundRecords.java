package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.workercontract.NdxpRecords;

/**
 * NDXP's side of records sent into Hanoi: a ministry or another province hands NDXP a record
 * for a Hanoi agency, NDXP delivers it to the LGSP with its own credential and the sender in
 * {@code X-Road-Client}, and keeps what the LGSP reports back (receipt, then outcome) for the
 * sender. Each kind of event is recorded once; repeats are only counted.
 */
final class InboundRecords {

    private static final Logger log = LoggerFactory.getLogger(InboundRecords.class);

    private final Supplier<String> lgspInboundUrl;
    private final Supplier<String> credential;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Messages NDXP handed to the LGSP, by NDXP's message id. */
    private final Map<String, Message> messages = new ConcurrentHashMap<>();

    /**
     * @param lgspInboundUrl where the LGSP takes records from NDXP, read on every send
     * @param credential     NDXP's bearer token at the LGSP
     */
    InboundRecords(Supplier<String> lgspInboundUrl, Supplier<String> credential) {
        this.lgspInboundUrl = lgspInboundUrl;
        this.credential = credential;
    }

    /** What a sender outside Hanoi hands NDXP. {@code content} is text, sent as UTF-8 bytes. */
    record Outgoing(String from, String messageId, String destination, String procedureCode, String contentType,
                    String content, String sha256, String signature) {
    }

    /** The LGSP's answer to the delivery, as it came. */
    record Delivery(String messageId, int status, JsonNode answer) {
    }

    record Event(String event, JsonNode body) {
    }

    private record Message(String from, List<Event> events, Map<String, Integer> repeats) {
    }

    /** Delivers one record to the LGSP as NDXP would; the same message id again is a repeat. */
    Delivery send(Outgoing outgoing) {
        String messageId = outgoing.messageId() == null ? "ndxp-" + UUID.randomUUID() : outgoing.messageId();
        byte[] content = Fields.required(outgoing.content(), "content").getBytes(StandardCharsets.UTF_8);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("procedureCode", outgoing.procedureCode());
        record.put("destination", outgoing.destination());
        record.put("payload", Map.of("contentType", outgoing.contentType() == null ? "text/plain" : outgoing.contentType(),
                "content", Base64.getEncoder().encodeToString(content),
                "sha256", outgoing.sha256() == null ? Fields.digest(content) : outgoing.sha256()));
        if (outgoing.signature() != null) {
            record.put("signature", outgoing.signature());
        }
        messages.putIfAbsent(messageId, new Message(outgoing.from(), new ArrayList<>(), new ConcurrentHashMap<>()));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lgspInboundUrl.get()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + credential.get())
                    .header("Content-Type", "application/json")
                    .header(NdxpRecords.MESSAGE_ID_HEADER, messageId)
                    .header(NdxpRecords.SERVICE_HEADER, NdxpRecords.LGSP_RECORD_SERVICE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(record)));
            if (outgoing.from() != null) {
                request.header(NdxpRecords.CLIENT_HEADER, outgoing.from());
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            log.info("NDXP delivered message {} from {} to the LGSP: HTTP {}", messageId, outgoing.from(), answer.statusCode());
            JsonNode body = answer.body().length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(answer.body());
            return new Delivery(messageId, answer.statusCode(), body);
        } catch (IOException e) {
            throw SimResponse.failure(502, "LGSP_UNAVAILABLE", "Không chuyển được hồ sơ đến LGSP Hà Nội: "
                    + e.getMessage()).reject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SimResponse.failure(503, "INTERRUPTED", "Bị ngắt khi chuyển hồ sơ").reject();
        }
    }

    /** {@code POST /exchange/messages/{id}/events}: the LGSP reports on a message NDXP delivered. */
    SimResponse event(SimRequest request, Matcher path) {
        String messageId = path.group(1);
        Message message = messages.get(messageId);
        if (message == null) {
            return SimResponse.failure(404, "NOT_FOUND", "NDXP không chuyển thông điệp " + messageId + " đến LGSP");
        }
        JsonNode body = request.jsonTree().orElseThrow(() ->
                SimResponse.failure(400, "VALIDATION_FAILED", "Thiếu nội dung sự kiện (JSON)").reject());
        String kind = body.path("event").asText("");
        if (!NdxpRecords.Events.RECEIVED.equals(kind) && !NdxpRecords.Events.RESULT.equals(kind)) {
            return SimResponse.failure(400, "VALIDATION_FAILED", "Sự kiện phải là RECEIVED hoặc RESULT");
        }
        synchronized (message) {
            if (message.events().stream().anyMatch(e -> e.event().equals(kind))) {
                message.repeats().merge(kind, 1, Integer::sum);
            } else {
                message.events().add(new Event(kind, body));
            }
        }
        log.info("NDXP: the LGSP reported {} for message {} (sender {})", kind, messageId, message.from());
        return SimResponse.ok(new SimResponse.Ack(SimResponse.SUCCESS, "Đã ghi nhận " + kind));
    }

    /** The events the LGSP reported for a message, each kind once, in order of arrival. */
    List<Event> events(String messageId) {
        Message message = messages.get(messageId);
        if (message == null) {
            return List.of();
        }
        synchronized (message) {
            return List.copyOf(message.events());
        }
    }

    int repeats(String messageId, String kind) {
        Message message = messages.get(messageId);
        return message == null ? 0 : message.repeats().getOrDefault(kind, 0);
    }

    SimResponse view(SimRequest request, Matcher path) {
        String messageId = path.group(1);
        if (!messages.containsKey(messageId)) {
            return SimResponse.failure(404, "NOT_FOUND", "Không có thông điệp " + messageId);
        }
        return SimResponse.ok(Map.of("code", SimResponse.SUCCESS, "messageId", messageId, "events", events(messageId)));
    }

    SimResponse sendControl(SimRequest request, Matcher path) {
        Delivery delivery = send(request.json(Outgoing.class));
        return SimResponse.ok(delivery);
    }
}
