package vn.hanoi.lgsp.workers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import vn.hanoi.lgsp.workercontract.WorkerApi;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Errors;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/**
 * {@code vdxp-verify-identity}: asks VDXP whether the applicant named in the record is who
 * the record says. The citizen id is read from the platform, not from a process
 * variable, and only the yes/no outcome returns to the process.
 */
final class VerifyIdentityHandler implements ExternalTaskHandler {

    private final PlatformApi platform;
    private final JsonHttp http;
    private final AccessTokens vdxpTokens;
    private final String vdxpUrl;

    VerifyIdentityHandler(PlatformApi platform, JsonHttp http, AccessTokens vdxpTokens, String vdxpUrl) {
        this.platform = platform;
        this.http = http;
        this.vdxpTokens = vdxpTokens;
        this.vdxpUrl = vdxpUrl;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String exchangeId = task.getVariable(Variables.EXCHANGE_ID);
        RetryPolicy retry = RetryPolicy.of(task, 4, 2);
        WorkerApi.Applicant applicant;
        try {
            applicant = platform.applicant(exchangeId);
        } catch (PlatformApi.Unavailable e) {
            Failures.handBack(task, service, retry, "the platform could not be reached: " + e.getMessage());
            return;
        } catch (IOException e) {
            Failures.retryOrGiveUp(task, service, retry, "the applicant could not be read: " + e.getMessage(),
                    Errors.IDENTITY_CHECK_FAILED);
            return;
        }
        try {
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("citizenId", applicant.citizenId());
            if (applicant.fullName() != null) {
                question.put("fullName", applicant.fullName());
            }
            JsonHttp.Reply reply = http.post(vdxpUrl + "/identity/verify", vdxpTokens.get(), question);
            platform.attempt(exchangeId, "VDXP", reply.ok(), reply.ok() ? null : "HTTP_" + reply.status(), reply.status(),
                    reply.millis());
            if (reply.ok() && reply.body().has("verified")) {
                service.complete(task, Map.of(Variables.IDENTITY_VERIFIED, reply.body().path("verified").asBoolean()));
                return;
            }
            if (reply.status() == 401) {
                vdxpTokens.invalidate();
            }
            if (reply.status() == 400) {
                service.complete(task, Map.of(Variables.IDENTITY_VERIFIED, false));
                return;
            }
            Failures.retryOrGiveUp(task, service, retry, "VDXP answered " + reply.describe(), Errors.IDENTITY_CHECK_FAILED);
        } catch (IOException e) {
            Failures.retryOrGiveUp(task, service, retry, "VDXP unreachable: " + e.getMessage(), Errors.IDENTITY_CHECK_FAILED);
        }
    }
}
