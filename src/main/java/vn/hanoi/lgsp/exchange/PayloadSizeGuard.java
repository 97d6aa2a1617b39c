package vn.hanoi.lgsp.exchange;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.hanoi.lgsp.contract.EnvelopeWriter;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Refuses an oversized record before its body is read: base64 makes a record about 4/3 of
 * its size, plus a little JSON around it. The decoded size is checked again afterwards.
 */
@Component
@Order(0)
class PayloadSizeGuard extends OncePerRequestFilter {

    private static final long ENVELOPE_ALLOWANCE = 64 * 1024;

    private final ExchangeSettings settings;
    private final EnvelopeWriter envelopes;

    PayloadSizeGuard(ExchangeSettings settings, EnvelopeWriter envelopes) {
        this.settings = settings;
        this.envelopes = envelopes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/api/v1/exchanges".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = settings.maxPayloadSize().toBytes() * 4 / 3 + ENVELOPE_ALLOWANCE;
        if (request.getContentLengthLong() > limit) {
            envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "The request is " + request.getContentLengthLong()
                    + " bytes; a record may be at most " + settings.maxPayloadSize().toBytes() + " bytes (base64 about "
                    + limit + " bytes)");
            return;
        }
        if (request.getContentLengthLong() < 0) {
            // chunked: no length announced, so the body is counted as it arrives and cut at the limit
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "The request is larger than " + limit
                        + " bytes; a record may be at most " + settings.maxPayloadSize().toBytes() + " bytes (base64 about "
                        + limit + " bytes)");
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The chunked body, already read and counted, served to the controller. */
    private static final class ReadBody extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
