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

    /**
     * The fields of Tasklist's start form {@code onboarding-request}: Form 01 or Form 02 as the
     * type says, with Form 03 or an approved security level. Nothing else submitted with the
     * form reaches the process.
     */
    public static final class StartForm {
        public static final String FORM_KEY = "onboarding-request";
        public static final String TYPE = "requestType";
        public static final String SYSTEM_NAME = "systemName";
        public static final String SYSTEM_BASE_URL = "systemBaseUrl";
        public static final String SYSTEM_DESCRIPTION = "systemDescription";
        public static final String CONTACT_NAME = "contactName";
        public static final String CONTACT_POSITION = "contactPosition";
        public static final String CONTACT_EMAIL = "contactEmail";
        public static final String CONTACT_PHONE = "contactPhone";
        public static final String SERVICE_CODE = "serviceCode";
        public static final String SERVICE_NAME = "serviceName";
        public static final String SERVICE_DESCRIPTION = "serviceDescription";
        public static final String SERVICE_VERSION = "serviceVersion";
        public static final String SERVICE_BASE_URL = "serviceBaseUrl";
        public static final String SERVICE_CLASSIFICATION = "serviceClassification";
        public static final String SERVICE_OPEN_API = "serviceOpenApi";
        public static final String SUPPORT_EMAIL = "supportEmail";
        public static final String SUPPORT_PHONE = "supportPhone";
        public static final String WANTED_SERVICE = "wantedServiceCode";
        public static final String WANTED_VERSION = "wantedVersion";
        public static final String PURPOSE = "consumptionPurpose";
        public static final String SCOPE = "consumptionScope";
        public static final String LEGAL_BASIS = "legalBasis";
        public static final String CALLS_PER_DAY = "expectedCallsPerDay";
        public static final String COMMITMENT_SIGNED_BY = "commitmentSignedBy";
        public static final String COMMITMENT_POSITION = "commitmentPosition";
        public static final String COMMITMENT_SIGNED_ON = "commitmentSignedOn";
        public static final String COMMITMENT_ACCEPTED = "commitmentAccepted";
        public static final String SECURITY_LEVEL = "approvedSecurityLevel";
        public static final String SECURITY_DECISION = "approvedSecurityDecision";
        public static final String SECURITY_APPROVED_ON = "approvedSecurityOn";

        public static final java.util.Set<String> FIELDS = java.util.Set.of(TYPE, SYSTEM_NAME, SYSTEM_BASE_URL,
                SYSTEM_DESCRIPTION, CONTACT_NAME, CONTACT_POSITION, CONTACT_EMAIL, CONTACT_PHONE, SERVICE_CODE,
                SERVICE_NAME, SERVICE_DESCRIPTION, SERVICE_VERSION, SERVICE_BASE_URL, SERVICE_CLASSIFICATION,
                SERVICE_OPEN_API, SUPPORT_EMAIL, SUPPORT_PHONE, WANTED_SERVICE, WANTED_VERSION, PURPOSE, SCOPE,
                LEGAL_BASIS, CALLS_PER_DAY, COMMITMENT_SIGNED_BY, COMMITMENT_POSITION, COMMITMENT_SIGNED_ON,
                COMMITMENT_ACCEPTED, SECURITY_LEVEL, SECURITY_DECISION, SECURITY_APPROVED_ON);

        private StartForm() {
        }
    }

    private OnboardingProcess() {
    }
}
