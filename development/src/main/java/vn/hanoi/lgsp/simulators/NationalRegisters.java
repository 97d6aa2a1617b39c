package vn.hanoi.lgsp.simulators;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fictional entries of the national databases, shared by the NDXP lookups and VDXP
 * identification so both platforms agree on who exists. Administrative unit codes are
 * illustrative five-digit commune-level codes, not the official list.
 */
final class NationalRegisters {

    static final Pattern CITIZEN_ID = Pattern.compile("\\d{12}");
    static final Pattern TAX_CODE = Pattern.compile("\\d{10}|\\d{13}");
    static final Pattern SOCIAL_INSURANCE_NUMBER = Pattern.compile("\\d{10}");

    /**
     * A resident: permanent and current residence are recorded separately because people often
     * live away from where they are registered.
     */
    record Citizen(String citizenId, String fullName, String dateOfBirth, String sex,
            String permanentAddress, String permanentUnitCode, String currentAddress, String currentUnitCode,
            String householdRelation) {
    }

    /** A registered enterprise or branch; a branch's tax code is the parent's ten digits plus three. */
    record Enterprise(String taxCode, String name, String registeredAddress, String legalRepresentative,
            String registeredOn, String status) {
    }

    /** Months are {@code yyyy-MM}. */
    record ContributionPeriod(String fromMonth, String toMonth, String employer) {
    }

    record HealthInsuranceCard(String cardNumber, String validFrom, String validTo) {
    }

    record InsuredPerson(String socialInsuranceNumber, String fullName, String dateOfBirth,
            List<ContributionPeriod> contributions, HealthInsuranceCard healthInsuranceCard) {
    }

    record LegalDocument(String number, String summary, String issuer, String issuedOn, String validity) {
    }

    private static final String HOAN_KIEM = "00070";
    private static final String NGOC_HA = "00004";
    private static final String YEN_HOA = "00175";
    private static final String SOC_SON = "08980";
    private static final String THANH_XUAN = "00367";
    private static final String HA_DONG = "09552";
    private static final String CAU_GIAY = "00166";
    private static final String BO_DE = "00145";

    private static final Map<String, Citizen> CITIZENS = index(List.of(
            new Citizen("001090000001", "Nguyễn Văn An", "1990-03-15", "Nam",
                    "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội", HOAN_KIEM,
                    "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội", HOAN_KIEM, "Chủ hộ"),
            new Citizen("001185000002", "Trần Thị Bình", "1985-07-02", "Nữ",
                    "Số 45 phố Kim Mã, phường Ngọc Hà, thành phố Hà Nội", NGOC_HA,
                    "Tòa nhà số 18 phố Duy Tân, phường Cầu Giấy, thành phố Hà Nội", CAU_GIAY, "Chủ hộ"),
            new Citizen("001200000003", "Lê Minh Châu", "2000-11-20", "Nữ",
                    "Số 8 ngõ 102 phố Trần Duy Hưng, phường Yên Hòa, thành phố Hà Nội", YEN_HOA,
                    "Số 8 ngõ 102 phố Trần Duy Hưng, phường Yên Hòa, thành phố Hà Nội", YEN_HOA, "Con"),
            new Citizen("001178000004", "Phạm Quốc Dũng", "1978-01-09", "Nam",
                    "Thôn Đông, xã Sóc Sơn, thành phố Hà Nội", SOC_SON,
                    "Số 9 phố Nguyễn Văn Cừ, phường Bồ Đề, thành phố Hà Nội", BO_DE, "Chủ hộ"),
            new Citizen("001195000005", "Hoàng Thị Thu Hà", "1995-05-30", "Nữ",
                    "Số 21 phố Nguyễn Trãi, phường Thanh Xuân, thành phố Hà Nội", THANH_XUAN,
                    "Số 21 phố Nguyễn Trãi, phường Thanh Xuân, thành phố Hà Nội", THANH_XUAN, "Vợ"),
            new Citizen("001062000006", "Vũ Đức Khang", "1962-09-12", "Nam",
                    "Số 3 phố Quang Trung, phường Hà Đông, thành phố Hà Nội", HA_DONG,
                    "Số 3 phố Quang Trung, phường Hà Đông, thành phố Hà Nội", HA_DONG, "Chủ hộ")),
            Citizen::citizenId);

    private static final Map<String, Enterprise> ENTERPRISES = index(List.of(
            new Enterprise("0101234567", "Công ty TNHH Thử Nghiệm Hà Nội",
                    "Số 1 phố Tràng Tiền, phường Hoàn Kiếm, thành phố Hà Nội", "Nguyễn Văn An",
                    "2012-04-10", "Đang hoạt động"),
            new Enterprise("0109876543", "Công ty Cổ phần Dữ Liệu Thủ Đô",
                    "Tòa nhà số 18 phố Duy Tân, phường Cầu Giấy, thành phố Hà Nội", "Trần Thị Bình",
                    "2019-09-23", "Đang hoạt động"),
            new Enterprise("0105550001", "Hợp tác xã Nông nghiệp Sông Hồng",
                    "Thôn Thượng, xã Đan Phượng, thành phố Hà Nội", "Phạm Quốc Dũng",
                    "2008-02-14", "Tạm ngừng kinh doanh"),
            new Enterprise("0101234567001", "Chi nhánh Long Biên - Công ty TNHH Thử Nghiệm Hà Nội",
                    "Số 9 phố Nguyễn Văn Cừ, phường Bồ Đề, thành phố Hà Nội", "Phạm Quốc Dũng",
                    "2016-06-01", "Đang hoạt động"),
            new Enterprise("0100000009", "Công ty TNHH Thương Mại Cũ",
                    "Số 77 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội", "Vũ Đức Khang",
                    "1998-11-05", "Đã giải thể")),
            Enterprise::taxCode);

    /** Some are also residents of the population register, with the same name and birth date. */
    private static final Map<String, InsuredPerson> INSURED = index(List.of(
            new InsuredPerson("0190000001", "Nguyễn Văn An", "1990-03-15", List.of(
                    new ContributionPeriod("2012-04", "2017-12", "Công ty TNHH Thử Nghiệm Hà Nội"),
                    new ContributionPeriod("2018-01", "2020-12", "Công ty Cổ phần Dữ Liệu Thủ Đô"),
                    new ContributionPeriod("2021-01", "2025-10", "Công ty TNHH Thử Nghiệm Hà Nội")),
                    new HealthInsuranceCard("DN4010190000001", "2025-01-01", "2025-12-31")),
            new InsuredPerson("0185000002", "Trần Thị Bình", "1985-07-02", List.of(
                    new ContributionPeriod("2019-09", "2025-10", "Công ty Cổ phần Dữ Liệu Thủ Đô")),
                    new HealthInsuranceCard("DN4010185000002", "2025-01-01", "2025-12-31")),
            new InsuredPerson("0178000004", "Phạm Quốc Dũng", "1978-01-09", List.of(
                    new ContributionPeriod("2008-02", "2015-05", "Hợp tác xã Nông nghiệp Sông Hồng"),
                    new ContributionPeriod("2016-06", "2025-10",
                            "Chi nhánh Long Biên - Công ty TNHH Thử Nghiệm Hà Nội")),
                    new HealthInsuranceCard("DN4010178000004", "2025-01-01", "2025-12-31")),
            new InsuredPerson("0192000007", "Đỗ Thị Mai", "1992-12-08", List.of(
                    new ContributionPeriod("2015-03", "2022-06", "Công ty TNHH Thương Mại Cũ")),
                    new HealthInsuranceCard("GD4010192000007", "2025-04-01", "2026-03-31"))),
            InsuredPerson::socialInsuranceNumber);

    private static final Map<String, LegalDocument> LEGAL_DOCUMENTS = index(List.of(
            new LegalDocument("5918/QĐ-UBND",
                    "Quyết định ban hành Quy chế quản lý, vận hành, sử dụng Nền tảng tích hợp, chia sẻ dữ liệu"
                            + " thành phố Hà Nội",
                    "UBND thành phố Hà Nội", "2025-11-27", "Còn hiệu lực"),
            new LegalDocument("13/2023/NĐ-CP", "Nghị định về bảo vệ dữ liệu cá nhân",
                    "Chính phủ", "2023-04-17", "Còn hiệu lực"),
            new LegalDocument("20/2020/QĐ-TTg",
                    "Quyết định về mã định danh điện tử của các cơ quan, tổ chức phục vụ kết nối, chia sẻ dữ liệu"
                            + " với các bộ, ngành, địa phương",
                    "Thủ tướng Chính phủ", "2020-07-22", "Còn hiệu lực")),
            document -> documentKey(document.number()));

    private NationalRegisters() {
    }

    static Optional<Citizen> citizen(String citizenId) {
        return Optional.ofNullable(CITIZENS.get(citizenId));
    }

    static Optional<Enterprise> enterprise(String taxCode) {
        return Optional.ofNullable(ENTERPRISES.get(taxCode));
    }

    static Optional<InsuredPerson> insured(String socialInsuranceNumber) {
        return Optional.ofNullable(INSURED.get(socialInsuranceNumber));
    }

    /** By number and symbol, whatever the case and Unicode form it was typed in. */
    static Optional<LegalDocument> legalDocument(String number) {
        return Optional.ofNullable(LEGAL_DOCUMENTS.get(documentKey(number)));
    }

    private static String documentKey(String number) {
        return Normalizer.normalize(number.strip(), Normalizer.Form.NFC).toUpperCase(Locale.ROOT);
    }

    private static <T> Map<String, T> index(List<T> entries, Function<T, String> key) {
        return entries.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
