package vn.hanoi.lgsp.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * The third step of a gateway call: the provider's answer back to the consumer, its status and
 * headers, XML turned into JSON where the policy says so, and the version's deprecation told.
 * A small JSON answer is held whole so that its envelope code is journalled and it leaves only
 * after the journal; anything else streams, cut short past the gateway's limit.
 */
@Component
class AnswerRelay {

    /** Answers up to this size wait whole in the response buffer until the journal has committed. */
    static final int HELD_ANSWER = 64 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final GatewaySettings settings;
    private final ObjectMapper json;

    AnswerRelay(GatewaySettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    void relay(Route route, HttpResponse<InputStream> answer, HttpServletRequest request, HttpServletResponse response,
               GatewayCall call) throws IOException {
        try (InputStream in = answer.body()) {
            long maxResponse = settings.maxResponseSize().toBytes();
            long declared = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxResponse) {
                throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider's answer is larger than the "
                        + "gateway's limit of " + settings.maxResponseSize());
            }
            String contentType = answer.headers().firstValue("Content-Type").orElse(null);
            call.httpStatus = answer.statusCode();
            deprecation(route, response);
            XmlToJson transform = route.policy().transform();
            if (transform != null && XmlToJson.isXml(contentType) && wantsJson(request.getHeader("Accept"))) {
                converted(transform, answer, in, response, call);
                return;
            }
            response.setStatus(answer.statusCode());
            ForwardedHeaders.toConsumer(answer.headers(), response);
            if (contentType != null) {
                response.setContentType(contentType);
            }
            if (!"HEAD".equals(request.getMethod()) && declared >= 0 && declared <= HELD_ANSWER && contentType != null
                    && contentType.toLowerCase(Locale.ROOT).contains("json")) {
                held(in, declared, response, call);
            } else {
                streamed(in, declared, response, call);
            }
        }
    }

    static String successorLink(Route route) {
        return "<" + GatewayController.PREFIX + route.service() + "/" + route.successor() + ">; rel=\"successor-version\"";
    }

    private void converted(XmlToJson transform, HttpResponse<InputStream> answer, InputStream in,
                           HttpServletResponse response, GatewayCall call) throws IOException {
        byte[] xml;
        try {
            xml = LimitedInputStream.readAtMost(in, settings.maxResponseSize().toBytes());
        } catch (ApiException tooLarge) {
            throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider's answer is larger than the "
                    + "gateway's limit of " + settings.maxResponseSize());
        }
        byte[] converted;
        try {
            var envelope = transform.convert(xml);
            call.code = envelope.path("code").asText(null);
            converted = json.writeValueAsBytes(envelope);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider's XML answer could not be turned "
                    + "into JSON: " + e.getMessage());
        }
        response.setStatus(answer.statusCode());
        ForwardedHeaders.toConsumer(answer.headers(), response);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(converted.length);
        response.getOutputStream().write(converted);
        call.bytesOut = converted.length;
    }

    private static void held(InputStream in, long declared, HttpServletResponse response, GatewayCall call)
            throws IOException {
        byte[] bytes = in.readNBytes((int) declared);
        // reading on to the end hands the connection back to the pool instead of closing it
        if (in.read() != -1) {
            throw new ApiException(ErrorCode.BAD_UPSTREAM_RESPONSE, "The provider sent more than it declared");
        }
        call.code = envelopeCode(bytes);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        call.bytesOut = bytes.length;
    }

    private void streamed(InputStream in, long declared, HttpServletResponse response, GatewayCall call)
            throws IOException {
        if (declared >= 0) {
            response.setContentLengthLong(declared);
        }
        long maxResponse = settings.maxResponseSize().toBytes();
        OutputStream out = response.getOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > maxResponse) {
                // the status has gone; all that is left is to cut the answer short
                call.failed(ErrorCode.BAD_UPSTREAM_RESPONSE, call.httpStatus);
                throw new IOException("provider answer exceeded " + settings.maxResponseSize());
            }
            out.write(chunk, 0, n);
        }
        call.bytesOut = total;
    }

    private static void deprecation(Route route, HttpServletResponse response) {
        if (route.status() != VersionStatus.DEPRECATED) {
            return;
        }
        if (route.deprecatedAt() != null) {
            response.setHeader("Deprecation", "@" + route.deprecatedAt().getEpochSecond());
        }
        if (route.sunsetAt() != null) {
            response.setHeader("Sunset", HTTP_DATE.format(route.sunsetAt()));
        }
        if (route.successor() != null) {
            response.setHeader("Link", successorLink(route));
        }
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") && !a.contains("xml");
    }

    /** The {@code code} of a provider's {@code 00}/{@code 01} envelope, read without building the whole tree. */
    static String envelopeCode(byte[] body) {
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("code".equals(name) && value == JsonToken.VALUE_STRING) {
                    String code = parser.getText();
                    return "00".equals(code) || "01".equals(code) ? code : null;
                }
                parser.skipChildren();
            }
        } catch (IOException notJson) {
            return null;
        }
        return null;
    }
}
