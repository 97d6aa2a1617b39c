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
            vn.hanoi.lgsp.contract.ReplayableRequest counted;
            try {
                counted = vn.hanoi.lgsp.contract.ReplayableRequest.of(request, (int) Math.min(Integer.MAX_VALUE - 8, limit));
            } catch (vn.hanoi.lgsp.contract.ReplayableRequest.TooLarge e) {
                envelopes.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "The request is larger than " + limit
                        + " bytes; a record may be at most " + settings.maxPayloadSize().toBytes() + " bytes (base64 about "
                        + limit + " bytes)");
                return;
            }
            chain.doFilter(counted, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
