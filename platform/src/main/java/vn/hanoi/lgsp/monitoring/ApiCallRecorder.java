package vn.hanoi.lgsp.monitoring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * Every agency API call, accepted or refused (a 401 included: R-25 wants refused access
 * seen), becomes one transaction document: who, what, outcome, sizes, duration.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiCallRecorder extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiCallRecorder.class);

    private final TransactionLog transactions;

    ApiCallRecorder(TransactionLog transactions) {
        this.transactions = transactions;
    }

    /** The workers' own calls are not agency calls: their delivery attempts are recorded as such. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !uri.startsWith("/api/") || uri.startsWith("/api/v1/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        Instant at = Instant.now();
        CountingResponse counting = new CountingResponse(response);
        int status = 500;
        try {
            chain.doFilter(request, counting);
            status = counting.getStatus();
        } finally {
            record(request, counting, status, at, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void record(HttpServletRequest request, CountingResponse response, int status, Instant at, long millis) {
        if (request.getAttribute(TransactionIds.RECORDED_ATTRIBUTE) != null) {
            return;
        }
        Object error = request.getAttribute(TransactionIds.ERROR_ATTRIBUTE);
        Object agency = request.getAttribute(TransactionIds.AGENCY_ATTRIBUTE);
        long requestBytes = Math.max(0, request.getContentLengthLong());
        TransactionDocument document = new TransactionDocument(TransactionIds.of(request), at, "api-call",
                request.getMethod(), pathOf(request), agency == null ? null : agency.toString(), null,
                null, null, null, null, null, status < 400 ? "00" : "01", error == null ? null : error.toString(),
                status, millis, requestBytes, response.bytesWritten(), transactions.environment(), null, null, null);
        try {
            transactions.record(document);
        } catch (RuntimeException e) {
            // monitoring must never turn a served call into a failure
            log.error("Could not record transaction {} for monitoring", document.transactionId(), e);
        }
    }

    /**
     * A gateway path carries the provider's own path, identifiers included: of a call refused
     * before the gateway journalled it (a bad token), only {@code /api/v1/gateway/{service}/{version}} is kept.
     */
    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String prefix = "/api/v1/gateway/";
        if (!uri.startsWith(prefix)) {
            return uri;
        }
        String[] parts = uri.substring(prefix.length()).split("/", 3);
        return parts.length >= 2 ? prefix + parts[0] + "/" + parts[1] : prefix + parts[0];
    }

    /** Counts response bytes without buffering them. */
    private static final class CountingResponse extends HttpServletResponseWrapper {

        private long bytes;
        private ServletOutputStream stream;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        long bytesWritten() {
            return bytes;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream inner = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        inner.write(b);
                        bytes++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        inner.write(b, off, len);
                        bytes += len;
                    }

                    @Override
                    public void flush() throws IOException {
                        inner.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return inner.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        inner.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
