package vn.hanoi.lgsp.portal;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import vn.hanoi.lgsp.contract.ApiException;

/** The portal's pages fail as pages, in Vietnamese, not with the API's JSON envelope. */
@ControllerAdvice(basePackageClasses = PortalErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrors {

    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException e, HttpServletResponse response, Model model) {
        return page(e.getStatusCode().value(), e.getReason(), response, model);
    }

    @ExceptionHandler(ApiException.class)
    String api(ApiException e, HttpServletResponse response, Model model) {
        return page(e.error().status().value(), e.getMessage(), response, model);
    }

    private static String page(int status, String reason, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("reason", reason == null ? "" : reason);
        return "portal/error";
    }
}
