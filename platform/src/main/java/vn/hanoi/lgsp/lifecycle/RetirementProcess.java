package vn.hanoi.lgsp.lifecycle;

import java.util.List;
import vn.hanoi.lgsp.catalog.ServiceTerms;

/** Names and deadlines shared by the model {@code service-retirement}, its form, the API and the tests. */
public final class RetirementProcess {

    public static final String PROCESS_KEY = "service-retirement";
    /** the end is announced at least this many calendar days ahead. */
    public static final int NOTICE_DAYS = ServiceTerms.RETIREMENT_NOTICE_DAYS;
    /** DOST confirms an announcement within this many working days (R-27: changes within 5 working days). */
    public static final int CONFIRM_WORKING_DAYS = 5;
    /** Consumers are reminded this many calendar days before the end (the model has one timer each). */
    public static final List<Integer> REMINDER_DAYS = List.of(30, 7);

    public static final String CONFIRMED = "CONFIRM";
    public static final String REFUSED = "REFUSE";

    public static final class Variables {
        public static final String SERVICE = "serviceCode";
        public static final String PROVIDER = "provider";
        /** The first day without the service, 00:00 in Hanoi ({@link java.util.Date}). */
        public static final String RETIRE_AT = "retireAt";
        /** The same day as shown on DOST's form (dd/MM/yyyy). */
        public static final String RETIRE_ON_LABEL = "retireOnLabel";
        public static final String REASON = "reason";
        public static final String ANNOUNCED_AT = "announcedAt";
        public static final String ANNOUNCED_BY = "announcedBy";
        public static final String CONFIRM_DUE = "confirmDue";
        /** Set on DOST's form: {@link #CONFIRMED} or {@link #REFUSED}. */
        public static final String DECISION = "retirementDecision";
        public static final String COMMENT = "decisionComment";
        public static final String REMINDER_30_AT = "reminder30At";
        public static final String REMINDER_7_AT = "reminder7At";

        private Variables() {
        }
    }

    private RetirementProcess() {
    }
}
