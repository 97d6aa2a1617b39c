package vn.hanoi.lgsp.workers;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Variables;

/** {@code ndxp-report-receipt}: NDXP hears that the Hanoi agency has the record it delivered. */
final class NdxpReceiptHandler implements ExternalTaskHandler {

    private final PlatformApi platform;
    private final NdxpRecordReturn ndxp;

    NdxpReceiptHandler(PlatformApi platform, NdxpRecordReturn ndxp) {
        this.platform = platform;
        this.ndxp = ndxp;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        platform.deliveryOrRetry(task.getVariable(Variables.EXCHANGE_ID), task, service, ndxp.retry())
                .ifPresent(exchange -> ndxp.receipt(task, service, exchange));
    }
}
