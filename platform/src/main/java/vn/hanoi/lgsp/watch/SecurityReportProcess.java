package vn.hanoi.lgsp.watch;

/** Names shared by the model {@code security-report}, its form, the API and the tests. */
public final class SecurityReportProcess {

    public static final String PROCESS_KEY = "security-report";
    /** Drafts the report of a given month on demand; the monthly timer drafts the month before. */
    public static final String MESSAGE_REQUESTED = "SecurityReportRequested";
    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";
    /** A DOST leader decides within this many days. */
    public static final int DECIDE_DAYS = 5;

    public static final class Variables {
        /** {@code yyyy-MM}; absent at the monthly timer (then: the month before). */
        public static final String MONTH = "month";
        public static final String SUMMARY = "reportSummary";
        public static final String DECIDE_DUE = "decideDue";
        /** On the leader's form. */
        public static final String DECISION = "decision";
        public static final String DECISION_NOTE = "decisionNote";

        private Variables() {
        }
    }

    private SecurityReportProcess() {
    }
}
