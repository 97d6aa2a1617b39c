package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of the simulators. */
final class Json {

    /**
     * Absent optional fields are left out rather than sent as {@code null}, as the real
     * platforms do; unknown request fields are tolerated so that clients may send more.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }
}
