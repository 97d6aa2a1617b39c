package vn.hanoi.lgsp.simulators;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of a simulator: a status, a body (an object to serialise, or raw bytes sent as
 * they are) and extra headers.
 */
record SimResponse(int status, Object body, Map<String, String> headers) {

    static final String SUCCESS = "00";
    static final String FAILURE = "01";

    SimResponse {
        headers = Map.copyOf(headers);
    }

    static SimResponse of(int status, Object body) {
        return new SimResponse(status, body, Map.of());
    }

    static SimResponse ok(Object body) {
        return of(200, body);
    }

    static SimResponse failure(int status, String error, String message) {
        return of(status, new Failure(FAILURE, message, error));
    }

    static SimResponse raw(int status, byte[] body) {
        return of(status, body.clone());
    }

    /** An XML document as it is, with its own content type instead of JSON's. */
    static SimResponse xml(int status, String document) {
        return raw(status, document.getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Type", "text/xml; charset=utf-8");
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, body, more);
    }

    /** For returning this answer from deep inside a handler. */
    RequestRejected reject() {
        return new RequestRejected(this);
    }

    /** The failure envelope shared by every simulator. */
    record Failure(String code, String message, String error) {
    }

    /** A body with only the envelope. */
    record Ack(String code, String message) {
    }
}
