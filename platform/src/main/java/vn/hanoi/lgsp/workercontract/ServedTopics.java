package vn.hanoi.lgsp.workercontract;

import java.util.List;

/** Every external-task topic the platform's workers implement, across the contracts. */
public final class ServedTopics {

    /** What the workers' identity may fetch and complete unless {@code lgsp.engine.worker-topics} says otherwise. */
    public static final List<String> ALL = List.of(
            RecordExchangeProcess.Topics.DELIVER_LOCAL, RecordExchangeProcess.Topics.NDXP_SEND,
            RecordExchangeProcess.Topics.NOTIFY_SOURCE, RecordExchangeProcess.Topics.VERIFY_IDENTITY,
            PostalProcess.Topics.ORDER, PostalProcess.Topics.NOTIFY_STATUS, PostalProcess.Topics.REPORT_RECEIPT,
            NdxpRecords.Topics.REPORT_RECEIPT);

    private ServedTopics() {
    }
}
