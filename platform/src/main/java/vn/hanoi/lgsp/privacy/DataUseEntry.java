package vn.hanoi.lgsp.privacy;

import java.time.Instant;

/**
 * One use of a citizen's data as they see it: when, which agency, for what, on whose behalf, and
 * how it ended. Names, not codes; the codes stay for whoever needs them.
 *
 * @param reference the gateway call's transaction id, the exchange's or the shipment's id
 * @param officer   as {@link #shownOfficer} puts it: a person's name as given, a staff code masked
 */
public record DataUseEntry(Kind kind, String reference, Instant at, String agencyCode, String agencyName,
                           String serviceCode, String serviceName, String purpose, String officer, boolean succeeded) {

    public enum Kind {
        GATEWAY_CALL("Tra cứu, khai thác dữ liệu"),
        RECORD_EXCHANGE("Trao đổi hồ sơ điện tử"),
        POSTAL_SHIPMENT("Chuyển phát kết quả qua bưu chính");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The officer as the citizen sees them. Agencies name the officer in their own way: a person's
     * name (words) is shown as given, as the regulation lets a data subject know who processed their
     * data; an account or staff code (one word) is masked like an identifier, so the page does not
     * hand out accounts to sign in with.
     */
    static String shownOfficer(String officer) {
        if (officer == null || officer.isBlank()) {
            return null;
        }
        String text = officer.strip();
        if (text.contains(" ")) {
            return text;
        }
        if (text.length() <= 4) {
            return text.charAt(0) + "***";
        }
        return text.substring(0, 3) + "***" + text.substring(text.length() - 2);
    }
}
