package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the two national bodies of the Decree 63/2024 "liên thông" procedures answer a case's
 * record ({@value #CASE_CONTENT_TYPE}) that NDXP carries to them: the Ministry of Public
 * Security (national residence database) and Vietnam Social Security each check the case's
 * declaration form ({@value #DECLARATION}) and process or refuse it. Every other record, and
 * every record to another member, is processed as before.
 * <p>
 * The police's code (G01) and the procedure ids are the national ones (db/categories); Vietnam
 * Social Security's code is illustrative, as no published list gives it. The simulator only
 * plays these bodies.
 */
public final class NationalCaseAuthorities {

    /** Ministry of Public Security (Bộ Công an), which keeps the national residence database. */
    public static final String POLICE = "000.00.00.G01";
    /** Vietnam Social Security, under the Ministry of Finance since 2025 (illustrative code under G12). */
    public static final String SOCIAL_INSURANCE = "000.00.21.G12";

    /** The media type of a case's record, as the LGSP's send-record block packs it. */
    public static final String CASE_CONTENT_TYPE = "application/vnd.lgsp.case+json";
    /** The document of the package that the national bodies read. */
    public static final String DECLARATION = "to-khai";

    /** Đăng ký thường trú (for a newborn), to the police. */
    public static final String PERMANENT_RESIDENCE = "1.004222";
    /** Xóa đăng ký thường trú (after a death), to the police. */
    public static final String RESIDENCE_REMOVAL = "1.003197";
    /** Cấp thẻ bảo hiểm y tế (the child under 6 of the liên thông), to social insurance. */
    public static final String CHILD_HEALTH_CARD = "2.000639";
    /** Giải quyết hưởng chế độ tử tuất (funeral allowance, survivors), to social insurance. */
    public static final String FUNERAL_ALLOWANCE = "2.000821";

    /** The message every record has been answered with so far. */
    static final String PROCESSED = "Cơ quan nhận đã xử lý hồ sơ";

    private static final Pattern PERSONAL_ID = Pattern.compile("\\d{12}");
    private static final Pattern SOCIAL_INSURANCE_CODE = Pattern.compile("\\d{10}");
    /** The health card covers a child until the day it turns 72 months old. */
    private static final int CHILD_AGE_LIMIT_YEARS = 6;

    /**
     * The body's result.
     *
     * @param reference the body's own number for what it did; {@code null} when it gives none,
     *                  and NDXP's handle of the message stands in for it
     */
    public record Answer(String code, String message, String reference) {
    }

    private NationalCaseAuthorities() {
    }

    /**
     * The result the destination reports for a record NDXP accepted. Never throws: a package
     * the body cannot read is refused with the reason.
     *
     * @param today the day the body decides on, which ages are counted against
     */
    public static Answer answer(String toAgencyCode, String procedureCode, String contentType, byte[] content,
                                LocalDate today) {
        Rule rule = Rule.of(toAgencyCode, procedureCode);
        if (rule == null || !isCasePackage(contentType)) {
            return new Answer(SimResponse.SUCCESS, PROCESSED, null);
        }
        JsonNode form;
        try {
            form = declaration(content);
        } catch (Unreadable e) {
            return refused(e.getMessage());
        }
        return rule.decide(form, content, today);
    }

    /** The decisions of the four procedures; each belongs to one body. */
    private enum Rule {

        NEWBORN_RESIDENCE(POLICE, PERMANENT_RESIDENCE) {
            @Override
            Answer decide(JsonNode form, byte[] content, LocalDate today) {
                if (!present(form.get("noiThuongTru"))) {
                    return refused("Thiếu địa chỉ đăng ký thường trú của cha, mẹ");
                }
                return processed("Đã đăng ký thường trú cho trẻ", "CT-" + number(content, 8));
            }
        },
        RESIDENCE_REMOVAL_AFTER_DEATH(POLICE, RESIDENCE_REMOVAL) {
            @Override
            Answer decide(JsonNode form, byte[] content, LocalDate today) {
                if (!matches(form.get("soDinhDanh"), PERSONAL_ID)) {
                    return refused("Thiếu số định danh cá nhân của người chết");
                }
                return processed("Đã xóa đăng ký thường trú của người chết", "XTT-" + number(content, 8));
            }
        },
        CHILD_HEALTH_INSURANCE(SOCIAL_INSURANCE, CHILD_HEALTH_CARD) {
            @Override
            Answer decide(JsonNode form, byte[] content, LocalDate today) {
                if (!underAgeLimit(form.get("ngaySinh"), today)) {
                    return refused("Trẻ không thuộc đối tượng dưới 6 tuổi");
                }
                // the child's new social insurance code, which is also the card's number
                return processed("Đã cấp thẻ BHYT cho trẻ, có giá trị đến ngày trẻ đủ 72 tháng tuổi",
                        number(content, 10));
            }
        },
        FUNERAL_AND_SURVIVORS(SOCIAL_INSURANCE, FUNERAL_ALLOWANCE) {
            @Override
            Answer decide(JsonNode form, byte[] content, LocalDate today) {
                if (!matches(form.get("maSoBHXH"), SOCIAL_INSURANCE_CODE)) {
                    return refused("Không tìm thấy quá trình tham gia BHXH của người chết");
                }
                return processed("Đã giải quyết chế độ mai táng phí, tử tuất", "MTP-" + number(content, 8));
            }
        };

        private final String agencyCode;
        private final String procedurePrefix;

        Rule(String agencyCode, String procedurePrefix) {
            this.agencyCode = agencyCode;
            this.procedurePrefix = procedurePrefix;
        }

        abstract Answer decide(JsonNode form, byte[] content, LocalDate today);

        static Rule of(String agencyCode, String procedureCode) {
            if (agencyCode == null || procedureCode == null) {
                return null;
            }
            String code = procedureCode.strip();
            for (Rule rule : values()) {
                // a full code such as 1.004222.000.00.00.H26 names the same procedure; 1.0042225 would not
                if (rule.agencyCode.equals(agencyCode) && (code.equals(rule.procedurePrefix)
                        || code.startsWith(rule.procedurePrefix + "."))) {
                    return rule;
                }
            }
            return null;
        }
    }

    /** Parameters such as {@code charset} and the case of the type do not change what the record is. */
    private static boolean isCasePackage(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return CASE_CONTENT_TYPE.equals(type.strip().toLowerCase(Locale.ROOT));
    }

    /** The declaration form inside the package, as a JSON object. */
    private static JsonNode declaration(byte[] content) throws Unreadable {
        JsonNode record = object(content, "Gói hồ sơ không phải JSON hợp lệ");
        JsonNode documents = record.get("documents");
        if (documents == null || !documents.isArray()) {
            throw new Unreadable("Gói hồ sơ không có danh sách tài liệu (documents)");
        }
        for (JsonNode document : documents) {
            if (DECLARATION.equals(document.path("name").asText(null))) {
                JsonNode encoded = document.get("content");
                if (encoded == null || !encoded.isTextual()) {
                    throw new Unreadable("Tờ khai (" + DECLARATION + ") không có nội dung");
                }
                byte[] form;
                try {
                    form = Base64.getDecoder().decode(encoded.asText().strip());
                } catch (IllegalArgumentException e) {
                    throw new Unreadable("Nội dung tờ khai (" + DECLARATION + ") không phải dữ liệu base64 hợp lệ");
                }
                return object(form, "Tờ khai (" + DECLARATION + ") không phải JSON hợp lệ");
            }
        }
        throw new Unreadable("Gói hồ sơ thiếu tờ khai (" + DECLARATION + ")");
    }

    private static JsonNode object(byte[] bytes, String otherwise) throws Unreadable {
        if (bytes == null || bytes.length == 0) {
            throw new Unreadable(otherwise);
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new Unreadable(otherwise);
            }
            return tree;
        } catch (IOException e) {
            throw new Unreadable(otherwise);
        }
    }

    /** A text that is not blank, or a structured address that is not empty. */
    private static boolean present(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        return value.isContainerNode() ? !value.isEmpty() : !value.asText().isBlank();
    }

    /** A number written as a JSON number loses its leading zeros, and then fails the pattern, as it should. */
    private static boolean matches(JsonNode value, Pattern pattern) {
        return value != null && value.isValueNode() && !value.isNull()
                && pattern.matcher(value.asText().strip()).matches();
    }

    private static boolean underAgeLimit(JsonNode birthDate, LocalDate today) {
        if (birthDate == null || !birthDate.isTextual()) {
            return false;
        }
        try {
            LocalDate born = LocalDate.parse(birthDate.asText().strip());
            return !born.isAfter(today) && today.isBefore(born.plusYears(CHILD_AGE_LIMIT_YEARS));
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * Digits drawn from the record's digest: the same record sent again gets the same number, as a
     * register numbers a registration once.
     */
    private static String number(byte[] content, int digits) {
        BigInteger value = new BigInteger(Fields.digest(content), 16).mod(BigInteger.TEN.pow(digits));
        return String.format(Locale.ROOT, "%0" + digits + "d", value);
    }

    private static Answer processed(String message, String reference) {
        return new Answer(SimResponse.SUCCESS, message, reference);
    }

    private static Answer refused(String message) {
        return new Answer(SimResponse.FAILURE, message, null);
    }

    /** A package the body cannot read; its message is the reason given back. */
    private static final class Unreadable extends Exception {

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
