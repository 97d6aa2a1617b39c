package vn.hanoi.lgsp.simulators;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of request fields; each failure becomes a 400 naming the field. */
final class Fields {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Fields() {
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid("Thiếu trường bắt buộc: " + field);
        }
        return value;
    }

    static byte[] base64(String value, String field) {
        required(value, field);
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("Trường " + field + " không phải dữ liệu base64 hợp lệ");
        }
    }

    /**
     * A SHA-256 digest in hex; {@code lowerCaseOnly} for the national platform, whose contract
     * fixes the case, while agency systems compare digests whatever their case.
     */
    static String sha256Hex(String value, String field, boolean lowerCaseOnly) {
        required(value, field);
        if (!SHA256_HEX.matcher(value).matches()
                || (lowerCaseOnly && !value.equals(value.toLowerCase(Locale.ROOT)))) {
            throw invalid("Trường " + field + " phải là mã băm SHA-256 dạng hex"
                    + (lowerCaseOnly ? " chữ thường" : ""));
        }
        return value.toLowerCase(Locale.ROOT);
    }

    static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static RequestRejected invalid(String message) {
        return SimResponse.failure(400, "VALIDATION_FAILED", message).reject();
    }
}
