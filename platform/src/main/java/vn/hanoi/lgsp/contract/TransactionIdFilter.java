package vn.hanoi.lgsp.contract;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Runs first: gives the request its transaction id before anything can answer it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TransactionIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = TransactionIds.newId();
        request.setAttribute(TransactionIds.REQUEST_ATTRIBUTE, id);
        response.setHeader(TransactionIds.HEADER, id);
        MDC.put("transactionId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("transactionId");
        }
    }
}
