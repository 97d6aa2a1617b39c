package vn.hanoi.lgsp.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * What Tomcat answers itself — a request it refuses before any filter runs (an encoded slash,
 * broken percent-encoding, an illegal character) — is the {@code 01} envelope with a
 * transaction id too, never Tomcat's HTML page.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // the filter's id when the request got that far, so the answer matches logs and monitoring
        Object assigned = request.getRequest().getAttribute(TransactionIds.REQUEST_ATTRIBUTE);
        String id = assigned != null ? assigned.toString() : TransactionIds.newId();
        ErrorCode error = ErrorCode.forStatus(status);
        String message = status >= 500
                ? "The platform could not complete the call; quote transaction id " + id + " to the LGSP operators"
                : "The request was refused before it reached the platform (HTTP " + status + "): check the URL for "
                        + "encoded slashes, malformed %-escapes and characters that must be escaped";
        String body = "{\"code\":\"01\",\"message\":" + quote(message) + ",\"error\":\"" + error.name()
                + "\",\"transactionId\":\"" + id + "\"}";
        try {
            response.resetBuffer();
            response.setHeader(TransactionIds.HEADER, id);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was committed meanwhile: nothing more to say
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
