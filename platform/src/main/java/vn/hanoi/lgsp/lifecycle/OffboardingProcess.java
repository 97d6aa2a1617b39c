package vn.hanoi.lgsp.lifecycle;

/** Names and deadlines shared by the model {@code consumer-offboarding}, its forms, the API and the tests. */
public final class OffboardingProcess {

    public static final String PROCESS_KEY = "consumer-offboarding";
    /** Đ16.5, R-27: the provider revokes within this many working days of the consumer's notice. */
    public static final int REVOKE_WORKING_DAYS = 5;
    /** DOST, taking over a late revocation, has this many working days more. */
    public static final int DOST_WORKING_DAYS = 2;

    public static final class Variables {
        public static final String CONSUMER = "consumer";
        public static final String SERVICE = "serviceCode";
        public static final String PROVIDER = "provider";
        public static final String REASON = "reason";
        public static final String REQUESTED_BY = "requestedBy";
        public static final String REVOKE_DUE = "revokeDue";
        public static final String DOST_DUE = "dostDue";
        /** The provider's own staff (Keycloak users of that agency) as candidates; DOST when it has none. */
        public static final String PROVIDER_STAFF = "providerStaff";
        public static final String PROVIDER_GROUPS = "providerCandidateGroups";
        /** On the revocation form: the provider (or DOST) confirms it revokes. */
        public static final String REVOKE_CONFIRMED = "revokeConfirmed";
        public static final String REVOKE_COMMENT = "revokeComment";
        /** Who completed the revocation task (or DOST's). */
        public static final String REVOKED_BY = "revokedBy";
        public static final String REVOKED_GRANTS = "revokedGrants";
        public static final String DISABLED_CLIENTS = "disabledClients";

        private Variables() {
        }
    }

    private OffboardingProcess() {
    }
}
