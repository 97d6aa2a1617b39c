package vn.hanoi.lgsp.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.TransactionIds;

/**
 * The data-sharing gateway (R-07, R-10, App1 §1.2.1–1.2.2): a consumer agency's system calls
 * {@code ANY /api/v1/gateway/{service}/{version}/**} and the LGSP authenticates, authorises
 * against the grant and the version's state, applies quotas, checks, forwards to the provider
 * with its own identity, transforms where the policy says so, and journals the call before the
 * answer leaves. Bodies are streamed, never kept (R-03).
 *
 * <p>Each call is one {@link GatewayExchange} going through named steps: {@link Admission},
 * {@link UpstreamCall}, {@link AnswerRelay} and {@link CallJournal}.
 *
 * <p>It is entered through a filter of its own ({@link GatewayEntry}) behind the same security
 * chain as the rest of the API, not through Spring MVC: on the gateway's hot path, MVC's handler
 * lookup, argument resolution and request wrappers cost more CPU than the gateway's own work.
 */
@Component
class GatewayController {

    static final String PREFIX = "/api/v1/gateway/";

    private final GatewayExchange.Steps steps;

    GatewayController(Admission admission, UpstreamCall upstream, AnswerRelay relay, CallJournal journal) {
        this.steps = new GatewayExchange.Steps(admission, upstream, relay, journal);
    }

    /** One call to {@code /api/v1/gateway/{service}/{version}/**}, already authenticated by the security chain. */
    void call(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AgencyCaller caller = AgencyCaller.of(SecurityContextHolder.getContext().getAuthentication());
        GatewayCall call = new GatewayCall(TransactionIds.of(request), Instant.now(), System.nanoTime(),
                request.getMethod());
        request.setAttribute(TransactionIds.RECORDED_ATTRIBUTE, Boolean.TRUE);
        response.setBufferSize(AnswerRelay.HELD_ANSWER);
        new GatewayExchange(steps, request, response, caller, call).process();
    }
}
