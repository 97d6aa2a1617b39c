package vn.hanoi.lgsp.workercontract;

/**
 * Names shared by the BPMN model {@code record-exchange}, the DMN table
 * {@code exchange-routing}, the workers, the element templates and the tests.
 */
public final class RecordExchangeProcess {

    public static final String PROCESS_KEY = "record-exchange";
    public static final String ROUTING_DECISION = "exchange-routing";
    /** DOST operators look into a delivery that failed for good within this many hours. */
    public static final int INVESTIGATION_HOURS = 24;

    /** External-task topics. */
    public static final class Topics {
        public static final String VERIFY_IDENTITY = "vdxp-verify-identity";
        public static final String DELIVER_LOCAL = "deliver-local";
        public static final String NDXP_SEND = "ndxp-send";
        public static final String NOTIFY_SOURCE = "notify-source";

        private Topics() {
        }
    }

    /** Messages correlated by exchange id (the process instance's business key). */
    public static final class Messages {
        public static final String RECORD_RECEIVED = "RecordReceived";
        public static final String RESULT_REPORTED = "ExchangeResultReported";

        private Messages() {
        }
    }

    /** BPMN error codes the workers throw. */
    public static final class Errors {
        public static final String DELIVERY_FAILED = "DELIVERY_FAILED";
        public static final String IDENTITY_CHECK_FAILED = "IDENTITY_CHECK_FAILED";

        private Errors() {
        }
    }

    /** Process variables. None carries record content or personal data. */
    public static final class Variables {
        public static final String EXCHANGE_ID = "exchangeId";
        public static final String SOURCE = "sourceCode";
        public static final String DESTINATION = "destinationCode";
        public static final String PROCEDURE = "procedureCode";
        public static final String APPLICANT_PRESENT = "applicantPresent";
        public static final String REQUESTED_DEADLINE = "requestedDeadline";
        public static final String ROUTING = "routing";
        public static final String ROUTE = "route";
        public static final String NDXP_ADDRESS = "ndxpAddress";
        public static final String DEADLINE = "deadline";
        public static final String MAX_ATTEMPTS = "maxAttempts";
        public static final String RETRY_BACKOFF_SECONDS = "retryBackoffSeconds";
        public static final String IDENTITY_VERIFIED = "identityVerified";
        public static final String RECEIPT_CONFIRMED = "receiptConfirmed";
        public static final String DELIVERED_TO_INBOX = "deliveredToInbox";
        public static final String FAILURE_REASON = "failureReason";
        /** AGENCY, or POSTAL for an application VNPost brought ({@link PostalProcess.Channels}). */
        public static final String CHANNEL = PostalProcess.Variables.CHANNEL;

        private Variables() {
        }
    }

    /** Routes the routing table can choose. */
    public static final class Routes {
        public static final String LOCAL = "LOCAL";
        public static final String NDXP = "NDXP";
        public static final String UNROUTABLE = "UNROUTABLE";

        private Routes() {
        }
    }

    private RecordExchangeProcess() {
    }
}
