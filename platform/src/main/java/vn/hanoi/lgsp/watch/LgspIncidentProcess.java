package vn.hanoi.lgsp.watch;

/** Names shared by the model {@code lgsp-incident}, its table, its form and the tests. */
public final class LgspIncidentProcess {

    public static final String PROCESS_KEY = "lgsp-incident";
    public static final String SEVERITY_DECISION = "lgsp-incident-severity";
    /** The failing component answers again: a health incident's wait ends by itself. */
    public static final String RECOVERED = "LgspComponentRecovered";
    /** DOST handles an incident of the LGSP within 24 hours (Đ12). */
    public static final int HANDLE_WITHIN_HOURS = 24;

    public static final class Variables {
        public static final String INCIDENT_ID = "incidentId";
        public static final String CATEGORY = "category";
        public static final String RULE = "rule";
        public static final String SUBJECT = "subject";
        public static final String DETAIL = "detail";
        public static final String OCCURRENCES = "occurrences";
        public static final String HANDLE_DUE = "handleDue";
        /** From the severity table. */
        public static final String GRADE = "grade";
        public static final String SEVERITY = "severity";
        /** On DOST's form. */
        public static final String RESOLUTION = "resolution";

        private Variables() {
        }
    }

    private LgspIncidentProcess() {
    }
}
