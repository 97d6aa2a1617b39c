package vn.hanoi.lgsp.lifecycle;

/** Names and deadlines shared by the model {@code agency-closure}, its form, the code and the tests. */
public final class ClosureProcess {

    public static final String PROCESS_KEY = "agency-closure";
    /** DOST confirms the transfer as it decides other connections: within 5 working days. */
    public static final int CONFIRM_WORKING_DAYS = 5;

    public static final class Variables {
        public static final String AGENCY = "agency";
        public static final String AGENCY_NAME = "agencyName";
        public static final String CLOSURE_REASON = "closureReason";
        /** Start of the first day without the agency, in Hanoi: when its grants and system move. */
        public static final String EFFECTIVE_AT = "effectiveAt";
        public static final String EFFECTIVE_LABEL = "effectiveLabel";
        /** The successors the closure named, as a comma-separated list (empty when dissolved). */
        public static final String SUCCESSORS = "successors";
        public static final String CLOSED_BY = "closedBy";
        public static final String CONFIRM_DUE = "confirmDue";
        /** What the agency had on the platform when it was closed, for DOST to read before confirming. */
        public static final String INVENTORY = "inventory";
        /** The one successor that takes over grants, system and credentials; blank when dissolved. */
        public static final String TRANSFER_TO = "transferTo";
        public static final String TRANSFER_CONFIRMED = "transferConfirmed";
        public static final String CONFIRM_COMMENT = "confirmComment";
        public static final String CONFIRMED_BY = "confirmedBy";
        public static final String TRANSFERRED_GRANTS = "transferredGrants";
        public static final String REVOKED_GRANTS = "revokedGrants";
        public static final String SYSTEM_TRANSFER = "systemTransfer";
        public static final String REASSIGNED_CLIENTS = "reassignedClients";
        public static final String DISABLED_CLIENTS = "disabledClients";
        public static final String REDIRECTED_EXCHANGES = "redirectedExchanges";
        public static final String ENDED_EXCHANGES = "endedExchanges";
        public static final String RESULTS_TO_SUCCESSOR = "resultsToSuccessor";
        public static final String RETIRING_SERVICES = "retiringServices";

        private Variables() {
        }
    }

    private ClosureProcess() {
    }
}
