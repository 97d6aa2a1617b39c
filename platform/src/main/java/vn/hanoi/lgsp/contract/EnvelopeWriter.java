package vn.hanoi.lgsp.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes a failure envelope where no controller runs: security filters, the error page. */
@Component
public class EnvelopeWriter {

    private final ObjectMapper json;

    EnvelopeWriter(ObjectMapper json) {
        this.json = json;
    }

    public ApiError failure(HttpServletRequest request, ErrorCode error, String message, List<ApiError.Detail> details) {
        request.setAttribute(TransactionIds.ERROR_ATTRIBUTE, error.name());
        return ApiError.of(error, message, TransactionIds.of(request), details);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode error, String message)
            throws IOException {
        write(request, response, error.status().value(), error, message);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode error,
                      String message) throws IOException {
        ApiError body = failure(request, error, message, List.of());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
