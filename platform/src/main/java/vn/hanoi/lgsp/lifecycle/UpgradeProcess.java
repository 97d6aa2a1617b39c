package vn.hanoi.lgsp.lifecycle;

import java.util.List;
import vn.hanoi.lgsp.catalog.ServiceTerms;

/** Names and deadlines shared by the model {@code service-version-upgrade}, its forms, the API and the tests. */
public final class UpgradeProcess {

    public static final String PROCESS_KEY = "service-version-upgrade";
    /** the old version keeps running at least this many calendar days after the new one is published. */
    public static final int OVERLAP_DAYS = ServiceTerms.UPGRADE_OVERLAP_DAYS;
    /** DOST reviews a new version within this many working days (App1 §3.4, as onboarding). */
    public static final int REVIEW_WORKING_DAYS = 5;
    /** Reviewers are reminded this many working days after the submission. */
    public static final int REMINDER_WORKING_DAYS = 4;
    /** DOST confirms the new version's test within this many working days. */
    public static final int TEST_WORKING_DAYS = 5;
    /** Consumers still calling the old version are reminded this many calendar days before its sunset. */
    public static final List<Integer> REMINDER_DAYS = List.of(90, 30, 7);
    /** "Still calling": at least one gateway call to the old version in this many days before a reminder. */
    public static final int RECENT_USE_DAYS = 7;
    /** DOST follows up the consumers that never moved within this many working days of the sunset. */
    public static final int FOLLOW_UP_WORKING_DAYS = 5;

    /** The start form's fields: all a submission from Tasklist may carry; anything else it sends is dropped. */
    public static final java.util.Set<String> START_FORM_FIELDS = java.util.Set.of(Variables.SERVICE, Variables.VERSION,
            Variables.BASE_URL, Variables.OPEN_API, Variables.QUALITY_NOTES, Variables.MIGRATION_NOTES, Variables.SUNSET_ON);

    public static final String APPROVED = "APPROVE";
    public static final String REJECTED = "REJECT";
    public static final String TEST_PASSED = "PASSED";
    public static final String TEST_FAILED = "FAILED";

    public static final class Variables {
        public static final String SERVICE = "serviceCode";
        public static final String VERSION = "version";
        public static final String PREVIOUS_VERSION = "previousVersion";
        public static final String PROVIDER = "provider";
        /** The provider's chosen sunset of the old version, if later than the 180 days ({@link java.util.Date}). */
        public static final String REQUESTED_SUNSET = "requestedSunset";
        public static final String MIGRATION_NOTES = "migrationNotes";
        /** Start form only (Tasklist): the new version's address, OpenAPI document, quality notes and chosen sunset day. */
        public static final String BASE_URL = "baseUrl";
        public static final String OPEN_API = "openApi";
        public static final String QUALITY_NOTES = "qualityNotes";
        public static final String SUNSET_ON = "sunsetOn";
        public static final String SUBMITTED_BY = "submittedBy";
        public static final String REVIEW_DUE = "reviewDue";
        public static final String REVIEW_REMINDER_AT = "reviewReminderAt";
        public static final String REVIEW_DECISION = "reviewDecision";
        public static final String REVIEW_COMMENT = "reviewComment";
        public static final String TEST_DUE = "testDue";
        public static final String TEST_RESULT = "testResult";
        public static final String SUNSET_AT = "sunsetAt";
        public static final String REMINDER_90_AT = "reminder90At";
        public static final String REMINDER_30_AT = "reminder30At";
        public static final String REMINDER_7_AT = "reminder7At";
        /** Consumers with a production grant on the old version and none on the new one at the sunset. */
        public static final String STRAGGLERS = "stragglers";
        public static final String STRAGGLER_LIST = "stragglerList";
        /** The same, as shown on DOST's follow-up form. */
        public static final String STRAGGLER_SUMMARY = "stragglerSummary";
        public static final String FOLLOW_UP_DUE = "followUpDue";
        /** On DOST's follow-up form: what was agreed with the consumers that never moved. */
        public static final String FOLLOW_UP_NOTES = "followUpNotes";

        private Variables() {
        }
    }

    private UpgradeProcess() {
    }
}
