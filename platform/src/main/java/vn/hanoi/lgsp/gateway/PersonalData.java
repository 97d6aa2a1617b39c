package vn.hanoi.lgsp.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.audit.SubjectHash;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Decree 13/2023: who asks for personal data, and why, is on record; the subject only as a
 * keyed hash.
 */
final class PersonalData {

    static final String PURPOSE_HEADER = "X-LGSP-Purpose";
    static final String OFFICER_HEADER = "X-LGSP-Officer";
    /** On an answer to a call that named its data subject: the entry is shown to that person. */
    static final String SUBJECT_VISIBLE_HEADER = "X-LGSP-Visible-To-Data-Subject";
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]{1,200}");

    private final SubjectHash subjects;

    PersonalData(SubjectHash subjects) {
        this.subjects = subjects;
    }

    /** Puts purpose, officer and the subject's hash on the call; refuses a look-up that does not say them. */
    void check(Route route, HttpServletRequest request, GatewayPath path, GatewayCall call) {
        if (route.classification() != DataClassification.PERSONAL_DATA) {
            return;
        }
        String purpose = headerText(request.getHeader(PURPOSE_HEADER));
        String officer = headerText(request.getHeader(OFFICER_HEADER));
        List<ApiError.Detail> missing = new ArrayList<>();
        if (purpose == null || !PRINTABLE.matcher(purpose).matches()) {
            missing.add(new ApiError.Detail(PURPOSE_HEADER, "the purpose of this look-up is required (1–200 characters, "
                    + "Vietnamese percent-encoded as UTF-8)"));
        }
        if (officer == null || !PRINTABLE.matcher(officer).matches()) {
            missing.add(new ApiError.Detail(OFFICER_HEADER,
                    "the officer on whose behalf the system asks is required (1–200 characters)"));
        }
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, route.service() + " returns personal data (Decree 13/2023): "
                    + "the call must say " + missing.stream().map(ApiError.Detail::field).toList(), missing);
        }
        call.purpose = purpose;
        call.officer = officer;
        SubjectLocator subject = route.policy().subject();
        if (subject != null) {
            String identifier;
            try {
                identifier = subject.find(path.segments(), request.getQueryString());
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The call is ambiguous: " + e.getMessage(),
                        List.of(new ApiError.Detail(subject.toString(), e.getMessage())));
            }
            call.subjectHash = identifier == null ? null : subjects.hash(identifier);
        }
    }

    /** Purpose or officer as the provider gets it: percent-encoded UTF-8, as it came. */
    static String headerValue(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * HTTP header values are ASCII, so Vietnamese text travels percent-encoded as UTF-8
     * ({@code Gi%E1%BA%A3i%20quy%E1%BA%BFt}); plain ASCII passes as it is.
     */
    private static String headerText(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
