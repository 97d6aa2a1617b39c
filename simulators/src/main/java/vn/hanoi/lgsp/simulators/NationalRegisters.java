package vn.hanoi.lgsp.simulators;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fictional entries of the national population and business registration databases, shared by
 * the NDXP lookups and VDXP identification so both platforms agree on who exists.
 */
final class NationalRegisters {

    static final Pattern CITIZEN_ID = Pattern.compile("\\d{12}");
    static final Pattern TAX_CODE = Pattern.compile("\\d{10}|\\d{13}");

    record Citizen(String citizenId, String fullName, String dateOfBirth, String permanentAddress) {
    }

    record Enterprise(String taxCode, String name, String registeredAddress, String status) {
    }

    private static final Map<String, Citizen> CITIZENS = index(List.of(
            new Citizen("001090000001", "Nguyễn Văn An", "1990-03-15",
                    "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội"),
            new Citizen("001185000002", "Trần Thị Bình", "1985-07-02",
                    "Số 45 phố Kim Mã, phường Ngọc Hà, thành phố Hà Nội"),
            new Citizen("001200000003", "Lê Minh Châu", "2000-11-20",
                    "Số 8 ngõ 102 phố Trần Duy Hưng, phường Yên Hòa, thành phố Hà Nội"),
            new Citizen("001178000004", "Phạm Quốc Dũng", "1978-01-09",
                    "Thôn Đông, xã Sóc Sơn, thành phố Hà Nội"),
            new Citizen("001195000005", "Hoàng Thị Thu Hà", "1995-05-30",
                    "Số 21 phố Nguyễn Trãi, phường Thanh Xuân, thành phố Hà Nội"),
            new Citizen("001062000006", "Vũ Đức Khang", "1962-09-12",
                    "Số 3 phố Quang Trung, phường Hà Đông, thành phố Hà Nội")),
            Citizen::citizenId);

    private static final Map<String, Enterprise> ENTERPRISES = index(List.of(
            new Enterprise("0101234567", "Công ty TNHH Thử Nghiệm Hà Nội",
                    "Số 1 phố Tràng Tiền, phường Hoàn Kiếm, thành phố Hà Nội", "Đang hoạt động"),
            new Enterprise("0109876543", "Công ty Cổ phần Dữ Liệu Thủ Đô",
                    "Tòa nhà số 18 phố Duy Tân, phường Cầu Giấy, thành phố Hà Nội", "Đang hoạt động"),
            new Enterprise("0105550001", "Hợp tác xã Nông nghiệp Sông Hồng",
                    "Thôn Thượng, xã Đan Phượng, thành phố Hà Nội", "Tạm ngừng kinh doanh"),
            new Enterprise("0101234567001", "Chi nhánh Long Biên - Công ty TNHH Thử Nghiệm Hà Nội",
                    "Số 9 phố Nguyễn Văn Cừ, phường Bồ Đề, thành phố Hà Nội", "Đang hoạt động"),
            new Enterprise("0100000009", "Công ty TNHH Thương Mại Cũ",
                    "Số 77 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội", "Đã giải thể")),
            Enterprise::taxCode);

    private NationalRegisters() {
    }

    static Optional<Citizen> citizen(String citizenId) {
        return Optional.ofNullable(CITIZENS.get(citizenId));
    }

    static Optional<Enterprise> enterprise(String taxCode) {
        return Optional.ofNullable(ENTERPRISES.get(taxCode));
    }

    private static <T> Map<String, T> index(List<T> entries, Function<T, String> key) {
        return entries.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
