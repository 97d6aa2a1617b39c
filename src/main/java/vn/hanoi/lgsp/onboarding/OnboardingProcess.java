package vn.hanoi.lgsp.onboarding;

/** Names shared by the BPMN model {@code service-onboarding}, its forms, the API and the tests. */
public final class OnboardingProcess {

    public static final String PROCESS_KEY = "service-onboarding";
    public static final String REVIEW_DECISION = "onboarding-review";
    /** DOST decides within this many working days of a valid request (Đ10.2, R-13). */
    public static final int REVIEW_WORKING_DAYS = 5;
    /** Reviewers are reminded this many working days after a valid request. */
    public static final int REMINDER_WORKING_DAYS = 4;
    /** An applicant asked to complete a request has this long (R-27: changes within 5 working days of notice). */
    public static final int CORRECTION_WORKING_DAYS = 5;
    /** A provider asked to permit a consumer answers within this long. */
    public static final int PROVIDER_WORKING_DAYS = 5;
    /** DOST operators confirm the connection test within this many working days of the test credentials. */
    public static final int TEST_CONFIRMATION_WORKING_DAYS = 5;

    public static final class Messages {
        public static final String CORRECTED = "RegistrationCorrected";
        public static final String PROVIDER_DECIDED = "ProviderDecided";
        public static final String TEST_CONFIRMED = "TestConfirmedByApplicant";

        private Messages() {
        }
    }

    public static final class Variables {
        public static final String REGISTRATION_ID = "registrationId";
        public static final String REQUEST_TYPE = "requestType";
        public static final String DATA_CLASSIFICATION = "dataClassification";
        public static final String SECURITY_LEVEL = "securityLevel";
        public static final String REVIEW = "review";
        public static final String REVIEWER_GROUP = "reviewerGroup";
        public static final String LEADER_APPROVAL = "leaderApproval";
        public static final String REVIEW_DECISION = "reviewDecision";
        public static final String REVIEW_COMMENT = "reviewComment";
        public static final String LEADER_DECISION = "leaderDecision";
        public static final String PROVIDER_DECISION = "providerDecision";
        public static final String PROVIDER_COMMENT = "providerComment";
        public static final String REVIEW_DUE = "reviewDue";
        public static final String REVIEW_REMINDER_AT = "reviewReminderAt";
        public static final String CORRECTION_DUE = "correctionDue";
        public static final String PROVIDER_DUE = "providerDue";
        public static final String TEST_CLIENT_ID = "testClientId";
        /** Set by DOST on the test confirmation form: the test client outlives go-live. */
        public static final String KEEP_TEST_CLIENT = "keepTestClient";

        private Variables() {
        }
    }

    private OnboardingProcess() {
    }
}
