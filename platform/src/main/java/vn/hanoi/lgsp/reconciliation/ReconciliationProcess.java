package vn.hanoi.lgsp.reconciliation;

/** Names and deadlines shared by the model {@code monthly-reconciliation}, its form, the API and the tests. */
public final class ReconciliationProcess {

    public static final String PROCESS_KEY = "monthly-reconciliation";
    /** App1 §3.6: the partners have this many working days from the opening to upload their counts. */
    public static final int UPLOAD_WORKING_DAYS = 5;
    /** Those who have not uploaded are reminded this many working days after the opening. */
    public static final int REMINDER_WORKING_DAYS = 3;
    /** DOST settles the differences with both sides within this many working days. */
    public static final int SETTLE_WORKING_DAYS = 5;
    /** Lines one upload may carry: far more than any agency's provider–consumer–service pairs. */
    public static final int MAX_LINES_PER_UPLOAD = 1_000;
    /** Sent by the API when every line has both sides' counts: the wait ends before its due date. */
    public static final String MESSAGE_ALL_REPORTED = "ReconciliationAllReported";
    /** Starts the reconciliation of a given month on demand (the model also has its monthly timer). */
    public static final String MESSAGE_REQUESTED = "ReconciliationRequested";

    public static final class Variables {
        /** The month reconciled, {@code yyyy-MM}; absent at a timer start (then: the month before). */
        public static final String PERIOD = "period";
        public static final String UPLOAD_DUE = "uploadDue";
        /** The monthly timer found the month already opened on demand. */
        public static final String ALREADY_OPEN = "alreadyOpen";
        public static final String REMINDER_AT = "reminderAt";
        public static final String SETTLE_DUE = "settleDue";
        public static final String DIFFERENCES = "differences";
        /** For the settling task: the lines that differ, one per line of text. */
        public static final String DIFFERENCE_SUMMARY = "differenceSummary";
        /** On the settling form: what DOST agreed with both sides. */
        public static final String SETTLEMENT = "settlement";
        public static final String SETTLED_BY = "settledBy";

        private Variables() {
        }
    }

    private ReconciliationProcess() {
    }
}
