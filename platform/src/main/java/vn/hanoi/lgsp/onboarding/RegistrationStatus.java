package vn.hanoi.lgsp.onboarding;

/** Where an onboarding request stands, as the applicant sees it. */
public enum RegistrationStatus {
    IN_REVIEW, RETURNED, AWAITING_PROVIDER, TESTING, ACTIVE, REJECTED, WITHDRAWN
}
