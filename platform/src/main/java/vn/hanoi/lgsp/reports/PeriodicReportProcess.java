package vn.hanoi.lgsp.reports;

/** Names and deadlines shared by the model {@code periodic-report}, its form, the API and the tests. */
public final class PeriodicReportProcess {

    public static final String PROCESS_KEY = "periodic-report";
    /** Starts the reports of a given period on demand; also how a month's end starts its quarter's. */
    public static final String MESSAGE_REQUESTED = "PeriodicReportRequested";
    /** A DOST leader approves (or not) within this many working days. */
    public static final int APPROVE_WORKING_DAYS = 5;
    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";

    public static final class Variables {
        /** {@code yyyy-MM} or {@code yyyy-Qn}; absent at the monthly timer (then: the month before). */
        public static final String PERIOD = "period";
        public static final String APPROVE_DUE = "approveDue";
        /** The monthly timer found the month already drafted on demand. */
        public static final String ALREADY_REPORTED = "alreadyReported";
        /** How many reports were drafted (one per agency with activity, and the city's). */
        public static final String REPORTS = "reports";
        /** For the leader's form: the city's figures in a few lines. */
        public static final String REPORT_SUMMARY = "reportSummary";
        /** On the leader's form. */
        public static final String DECISION = "decision";
        public static final String DECISION_NOTE = "decisionNote";
        public static final String APPROVED_BY = "approvedBy";

        private Variables() {
        }
    }

    private PeriodicReportProcess() {
    }
}
