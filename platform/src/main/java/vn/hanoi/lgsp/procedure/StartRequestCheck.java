package vn.hanoi.lgsp.procedure;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.procedure.ProcedureCases.Document;
import vn.hanoi.lgsp.procedure.ProcedureCases.StartRequest;

/**
 * What an agency's system may hand in to start a case: a case number, a few plain data fields
 * that the platform does not set itself, and documents whose content matches their digest.
 */
final class StartRequestCheck {

    /** The one-stop system's dossier number, the case's idempotency key. */
    static final Pattern CASE_NUMBER = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.\\-/]{0,59}");
    private static final Pattern DOCUMENT_NAME = Pattern.compile("[a-z0-9-]{1,100}");
    private static final Pattern DATA_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,59}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

    private StartRequestCheck() {
    }

    /** Every problem of the request, each named by its field; none when the case may start. */
    static List<ApiError.Detail> problems(StartRequest request) {
        List<ApiError.Detail> problems = new ArrayList<>();
        if (request == null) {
            problems.add(new ApiError.Detail("body", "is required"));
            return problems;
        }
        if (request.caseNumber() == null || !CASE_NUMBER.matcher(request.caseNumber()).matches()) {
            problems.add(new ApiError.Detail("caseNumber", "is required: 1–60 letters, digits, '.', '-', '/' (the one-stop"
                    + " system's dossier number), used as the idempotency key"));
        }
        data(request, problems);
        List<Document> documents = documents(request);
        if (documents.size() > 20) {
            problems.add(new ApiError.Detail("documents", "holds at most 20 documents"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            document(documents.get(i), "documents[" + i + "]", names, problems);
        }
        return problems;
    }

    private static void data(StartRequest request, List<ApiError.Detail> problems) {
        Map<String, Object> data = request.data() == null ? Map.of() : request.data();
        if (data.size() > 50) {
            problems.add(new ApiError.Detail("data", "holds at most 50 fields"));
        }
        data.forEach((k, v) -> {
            if (!DATA_KEY.matcher(k).matches() || ProcedureCases.RESERVED.contains(k)) {
                problems.add(new ApiError.Detail("data." + k, "is not a usable field name (letters, digits, '_'; not one of "
                        + ProcedureCases.RESERVED + ")"));
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                problems.add(new ApiError.Detail("data." + k, "must be a string, a number or true/false"));
            } else if (v instanceof String s && s.length() > 1000) {
                problems.add(new ApiError.Detail("data." + k, "is longer than 1,000 characters; send it as a document"));
            }
        });
    }

    private static void document(Document d, String at, Set<String> names, List<ApiError.Detail> problems) {
        if (d == null || d.name() == null || !DOCUMENT_NAME.matcher(d.name()).matches()) {
            problems.add(new ApiError.Detail(at + ".name", "is required: lower-case letters, digits and '-'"));
            return;
        }
        if (d.name().startsWith("lgsp-")) {
            problems.add(new ApiError.Detail(at + ".name", "names starting with lgsp- are the LGSP's own"));
        }
        if (!names.add(d.name())) {
            problems.add(new ApiError.Detail(at + ".name", d.name() + " appears twice"));
        }
        if (d.contentType() == null || d.contentType().isBlank() || d.contentType().length() > 100) {
            problems.add(new ApiError.Detail(at + ".contentType", "is required"));
        }
        if (d.sha256() == null || !SHA256.matcher(d.sha256()).matches()) {
            problems.add(new ApiError.Detail(at + ".sha256", "is required: the content's SHA-256 in hex"));
        }
        byte[] content;
        try {
            content = d.content() == null ? null : Base64.getDecoder().decode(d.content());
        } catch (IllegalArgumentException e) {
            content = null;
        }
        if (content == null) {
            problems.add(new ApiError.Detail(at + ".content", "is required, in base64"));
        } else if (content.length > MAX_DOCUMENT_BYTES) {
            problems.add(new ApiError.Detail(at + ".content", "is larger than 10 MB"));
        } else if (d.sha256() != null && !PlatformModels.sha256(content).equalsIgnoreCase(d.sha256())) {
            problems.add(new ApiError.Detail(at + ".sha256", "does not match the content: it was altered or truncated"));
        }
    }

    /** The request's documents; none when it names none. */
    static List<Document> documents(StartRequest request) {
        return request.documents() == null ? List.of() : request.documents();
    }
}
