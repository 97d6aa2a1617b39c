package vn.hanoi.lgsp.connection;

/** Names shared by the BPMN model {@code incident-escalation}, its forms and the tests. */
public final class IncidentProcess {

    public static final String PROCESS_KEY = "incident-escalation";
    public static final String SEVERITY_DECISION = "incident-severity";
    public static final String RESTORED = "ConnectionRestored";
    /** Units fix their errors within 24 hours of detection (Đ16.10, R-18). */
    public static final int FIX_WITHIN_HOURS = 24;
    /** DOST operators, taking over, have this long to help. */
    public static final int DOST_SUPPORT_HOURS = 24;
    /** The report on an incident that touched several agencies is due this long after it was fixed. */
    public static final int REPORT_HOURS = 72;

    private IncidentProcess() {
    }
}
