package vn.hanoi.lgsp.contract;

/**
 * Something a security watch counts (Đ7.7, Đ10.4), published where it happens: a token refused,
 * a call outside its grant, a quota exhausted, a test credential on a production path, a journal
 * that no longer verifies. One signal is no finding; enough of one rule about one subject in the
 * rule's window is.
 *
 * @param rule    which rule counts it, e.g. {@link #AUTH_FAILURE}
 * @param subject who or what it is about: a client, an agency, an address; never a person's data
 * @param detail  what a DOST operator reads first
 */
public record SecuritySignal(String rule, String subject, String detail) {

    public static final String AUTH_FAILURE = "auth-failures";
    public static final String OUTSIDE_GRANT = "refusals-outside-grant";
    public static final String QUOTA_EXHAUSTED = "quota-exhausted";
    public static final String TEST_CREDENTIAL_ON_PRODUCTION = "test-credential-on-production";
    public static final String JOURNAL_TAMPERED = "journal-tampered";
}
