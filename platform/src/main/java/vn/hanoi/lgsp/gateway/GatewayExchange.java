package vn.hanoi.lgsp.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiException;

/**
 * One gateway call, from the moment it enters to its journal entry: the request's state lives
 * in its fields, and {@link #process()} reads as the steps the call goes through.
 */
final class GatewayExchange {

    /** The steps every call goes through; the same for all calls. */
    record Steps(Admission admission, UpstreamCall upstream, AnswerRelay relay, CallJournal journal) {
    }

    private final Steps steps;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AgencyCaller caller;
    private final GatewayCall call;
    private Admission.Admitted admitted;
    private HttpResponse<InputStream> answer;

    GatewayExchange(Steps steps, HttpServletRequest request, HttpServletResponse response, AgencyCaller caller,
                    GatewayCall call) {
        this.steps = steps;
        this.request = request;
        this.response = response;
        this.caller = caller;
        this.call = call;
    }

    void process() throws IOException {
        try {
            admit();
            callUpstream();
            relayAnswer();
        } catch (ApiException refusal) {
            steps.journal().refused(refusal, request, response, call);
        } catch (IOException | RuntimeException e) {
            steps.journal().brokenOff(call);
            throw e;
        }
        steps.journal().record(request, response, call);
    }

    private void admit() throws IOException {
        admitted = steps.admission().admit(request, response, caller, call);
    }

    private void callUpstream() throws IOException {
        answer = steps.upstream().send(admitted, request, response, call);
    }

    private void relayAnswer() throws IOException {
        steps.relay().relay(admitted.route(), answer, request, response, call);
    }
}
