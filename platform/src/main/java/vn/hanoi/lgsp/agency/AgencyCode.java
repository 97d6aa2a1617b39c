package vn.hanoi.lgsp.agency;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An electronic identifier code (Decision 20/2020/QĐ-TTg, QCVN 102:2016): for state bodies
 * {@code V1V2V3.Z1Z2.Y1Y2.MX1X2}, read right to left — {@code MX1X2} the level-1 body
 * ({@code H26} Hanoi, {@code G22} the Government Office), {@code Y1Y2} level 2, {@code Z1Z2}
 * level 3, {@code V1V2V3} level 4; for enterprises their registration number.
 *
 * @param value the code as written
 * @param level 1–4 for state bodies, 0 for enterprises
 */
public record AgencyCode(String value, int level) {

    public static final int MAX_LENGTH = 35;
    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Z.]+");
    private static final Pattern LEVEL_1 = Pattern.compile("[A-Z][0-9]{2}");
    private static final Pattern ENTERPRISE = Pattern.compile("[0-9]{10}([0-9]{3})?");

    /** Parses a code, or explains in words what is wrong with it. */
    public static AgencyCode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidAgencyCodeException(raw, "an agency code is required");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidAgencyCodeException(raw, "it has " + raw.length() + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        if (!ALLOWED.matcher(raw).matches()) {
            int bad = firstDisallowed(raw);
            throw new InvalidAgencyCodeException(raw, "only digits, capital letters and dots are allowed; '"
                    + raw.charAt(bad) + "' at position " + (bad + 1) + " is not");
        }
        if (raw.startsWith(".") || raw.endsWith(".") || raw.contains("..")) {
            throw new InvalidAgencyCodeException(raw, "groups must be separated by single dots, with no dot at either end");
        }
        String[] groups = raw.split("\\.");
        if (groups.length == 1) {
            if (ENTERPRISE.matcher(raw).matches()) {
                return new AgencyCode(raw, 0);
            }
            throw new InvalidAgencyCodeException(raw, "a state body's code has four groups like 000.00.00.H26; "
                    + "an enterprise's code is its 10- or 13-digit registration number");
        }
        if (groups.length != 4) {
            throw new InvalidAgencyCodeException(raw, "a state body's code has four dot-separated groups like 000.00.12.H26, not "
                    + groups.length);
        }
        requireDigits(raw, groups[0], 3, "level-4 group (first)");
        requireDigits(raw, groups[1], 2, "level-3 group (second)");
        requireDigits(raw, groups[2], 2, "level-2 group (third)");
        if (!LEVEL_1.matcher(groups[3]).matches()) {
            throw new InvalidAgencyCodeException(raw, "the level-1 group (last) must be a capital letter and two digits, "
                    + "e.g. H26 for Hanoi or G22 for the Government Office; '" + groups[3] + "' is not");
        }
        int level = !groups[0].equals("000") ? 4 : !groups[1].equals("00") ? 3 : !groups[2].equals("00") ? 2 : 1;
        return new AgencyCode(raw, level);
    }

    /**
     * The code of the body directly above this one: the same code with its own (lowest set)
     * group zeroed. A level-3 body directly under level 1 keeps 00 in its level-2 group.
     */
    public Optional<String> parent() {
        if (level <= 1) {
            return Optional.empty();
        }
        String[] g = value.split("\\.");
        switch (level) {
            case 4 -> g[0] = "000";
            case 3 -> g[1] = "00";
            default -> g[2] = "00";
        }
        return Optional.of(String.join(".", g));
    }

    public boolean isEnterprise() {
        return level == 0;
    }

    /**
     * A state body of Hanoi: its level-1 group is {@code H26} (the city) or {@code K26} (the
     * city's bodies coded under the K list), the same test record exchange routes by.
     */
    public boolean isHanoi() {
        return level >= 1 && (value.endsWith(".H26") || value.endsWith(".K26"));
    }

    /** A state body outside Hanoi: a ministry, a central body or another province (Đ6.1.4.c). */
    public boolean isOutsideHanoi() {
        return level >= 1 && !isHanoi();
    }

    private static void requireDigits(String raw, String group, int length, String name) {
        if (group.length() != length || !group.chars().allMatch(Character::isDigit)) {
            throw new InvalidAgencyCodeException(raw, "the " + name + " must be " + length + " digits; '" + group + "' is not");
        }
    }

    private static int firstDisallowed(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '.')) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
