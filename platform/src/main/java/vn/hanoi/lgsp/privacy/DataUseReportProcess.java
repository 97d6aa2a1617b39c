package vn.hanoi.lgsp.privacy;

/** Names shared by the model {@code data-use-report}, its form, the portal and the tests. */
public final class DataUseReportProcess {

    public static final String PROCESS_KEY = "data-use-report";
    /** DOST answers a data subject within this many hours (Decree 13/2023 art. 9: 72 hours). */
    public static final int ANSWER_HOURS = 72;
    public static final String MISUSE_CONFIRMED = "MISUSE_CONFIRMED";
    public static final String NO_MISUSE = "NO_MISUSE";

    public static final class Variables {
        public static final String REPORT_ID = "reportId";
        public static final String ENTRY_KIND = "entryKind";
        public static final String ENTRY_AT = "entryAt";
        public static final String ENTRY_REFERENCE = "entryReference";
        public static final String AGENCY_CODE = "agencyCode";
        public static final String AGENCY_NAME = "agencyName";
        public static final String SERVICE_NAME = "serviceName";
        public static final String PURPOSE = "purpose";
        public static final String MESSAGE = "message";
        public static final String ANSWER_DUE = "answerDue";
        /** On DOST's form. */
        public static final String FINDING = "finding";
        public static final String ANSWER = "answer";

        private Variables() {
        }
    }

    private DataUseReportProcess() {
    }
}
