package vn.hanoi.lgsp.workercontract;

/**
 * Records that come into Hanoi through NDXP (R-01 "to/from NDXP", Đ4.3, Đ7.1): a ministry or
 * another province sends a record to a Hanoi agency; NDXP delivers it to the LGSP, names the
 * sender in the X-Road headers it asserts, and hears back the receipt and the agency's result.
 * Names shared by the platform, the record-exchange model, the workers and the NDXP simulator.
 */
public final class NdxpRecords {

    /** Where NDXP delivers a record, with its own credential (role {@code national-platform}). */
    public static final String INBOUND_PATH = "/api/v1/national/ndxp/messages";
    /** The sending organisation, {@code VN:GOV:<agency code>:<subsystem>}, as NDXP asserts it. */
    public static final String CLIENT_HEADER = PostalProcess.Ndxp.CLIENT_HEADER;
    /** NDXP's message id: the record's idempotency key (the same id twice is one exchange). */
    public static final String MESSAGE_ID_HEADER = "X-Road-Id";
    public static final String SERVICE_HEADER = PostalProcess.Ndxp.SERVICE_HEADER;
    /** The LGSP's record service as NDXP publishes it. */
    public static final String LGSP_RECORD_SERVICE = PostalProcess.Ndxp.LGSP_MEMBER + ":ho-so";

    /** NDXP's resource for what became of a message it delivered: {@code POST} one event at a time. */
    public static String eventsPath(String ndxpMessageId) {
        return "/exchange/messages/" + ndxpMessageId + "/events";
    }

    /** Events the LGSP reports to NDXP about a record it received. */
    public static final class Events {
        /** The Hanoi agency has the record; carries the digest it got. */
        public static final String RECEIVED = "RECEIVED";
        /** How the exchange ended: the agency's result, or why there is none. */
        public static final String RESULT = "RESULT";

        private Events() {
        }
    }

    /** External-task topics. */
    public static final class Topics {
        /** NDXP (and through it the sender) is told the Hanoi agency received the record. */
        public static final String REPORT_RECEIPT = "ndxp-report-receipt";

        private Topics() {
        }
    }

    /** Process variables on record-exchange for a record of {@link PostalProcess.Channels#NDXP}. */
    public static final class Variables {
        public static final String MESSAGE_ID = "ndxpMessageId";
        public static final String CLIENT = "ndxpClient";

        private Variables() {
        }
    }

    private NdxpRecords() {
    }
}
