package vn.hanoi.lgsp.gateway;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Where a call to a service version enters the gateway: the last filter before the servlet, so
 * after every filter and the security chain the rest of the API passes, it hands
 * {@code /api/v1/gateway/{service}/{version}/**}, whatever its method, to
 * {@link GatewayController} and ends there. The gateway's other endpoints (one segment, e.g.
 * {@code usage}) go on to Spring MVC like the rest of the API.
 */
final class GatewayEntry implements Filter {

    private final GatewayController controller;

    GatewayEntry(GatewayController controller) {
        this.controller = controller;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String uri = request.getRequestURI();
        // the filter's pattern also matches the prefix without its last slash
        if (!uri.startsWith(GatewayController.PREFIX)) {
            chain.doFilter(req, res);
            return;
        }
        String rest = uri.substring(GatewayController.PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            chain.doFilter(req, res);
            return;
        }
        controller.call(request, (HttpServletResponse) res);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<GatewayEntry> gatewayEntry(GatewayController controller) {
            FilterRegistrationBean<GatewayEntry> registration = new FilterRegistrationBean<>(new GatewayEntry(controller));
            registration.addUrlPatterns(GatewayController.PREFIX + "*");
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.setOrder(Ordered.LOWEST_PRECEDENCE);
            registration.setName("lgspGatewayEntry");
            return registration;
        }
    }
}
