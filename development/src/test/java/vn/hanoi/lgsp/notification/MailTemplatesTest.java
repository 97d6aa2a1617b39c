package vn.hanoi.lgsp.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every mail template renders with sample values, without a server; some as today's mail read word for word. */
class MailTemplatesTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:30:00Z");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    /** A name in an expression that is not a method ({@code .format}), a utility ({@code #temporals}) or in quotes. */
    private static final Pattern NAME = Pattern.compile("(?<![.#\\w])([a-zA-Z]\\w*)");
    private static final Set<String> LITERALS = Set.of("null", "true", "false", "and", "or", "not");

    private final MailTemplates templates = new MailTemplates();

    /** Each template and values it reads: a new template needs its line here, so that it is rendered too. */
    private static final Map<String, Map<String, Object>> SAMPLES = new TreeMap<>(Map.ofEntries(
            sample("reconciliation/counts-requested", "period", "2026-11", "due", AT.atZone(ZoneId.of("Asia/Ho_Chi_Minh"))),
            sample("reconciliation/counts-reminder", "period", "2026-11", "due", AT.atZone(ZoneId.of("Asia/Ho_Chi_Minh"))),
            sample("reconciliation/result", "period", "2026-11", "differences", 2, "settlement", "bên cung cấp đếm lại"),
            sample("procedure/case-notice", "subject", "Hồ sơ đã có kết quả", "message", "Đề nghị trả kết quả.",
                    "caseNumber", "HN-2026-000123", "procedure", "cap-phep-xay-dung", "test", true),
            sample("connection/maintenance", "agency", "H01.01", "startsAt", AT, "endsAt", AT.plusSeconds(7200),
                    "reason", "Nâng cấp máy chủ"),
            sample("connection/incident-opened", "agency", "H01.01", "agencyName", "Phường Hoàn Kiếm", "severity", "HIGH",
                    "openedAt", AT, "detail", "connection refused"),
            sample("connection/incident-support-requested", "agency", "H01.01", "detail", "connection refused"),
            sample("connection/incident-overdue", "agency", "H01.01", "openedAt", AT),
            sample("connection/incident-resolved", "agency", "H01.01", "openedAt", AT, "fixedAt", AT.plusSeconds(600)),
            sample("connection/incident-report", "agency", "H01.01", "agencyName", "Phường Hoàn Kiếm", "severity", "HIGH",
                    "openedAt", AT, "resolvedAt", AT.plusSeconds(3600), "cause", "chứng thư số hết hạn",
                    "report", "Diễn biến, nguyên nhân, biện pháp"),
            sample("connection/incident-regraded", "agency", "H01.01", "agencyName", "Phường Hoàn Kiếm", "severity", "HIGH",
                    "previous", "LOW", "minutes", 61, "openedAt", AT, "detail", "connection refused"),
            sample("watch/lgsp-incident-opened", "category", "HEALTH", "rule", "component-down:elasticsearch",
                    "subject", "elasticsearch", "severity", "HIGH", "detail", "elasticsearch is failing"),
            sample("watch/lgsp-maintenance", "startsAt", AT, "endsAt", AT.plusSeconds(7200), "reason", "Nâng cấp PostgreSQL"),
            sample("watch/security-report-decided", "month", "2026-11", "approved", true, "by", "leader",
                    "note", "Đồng ý"),
            sample("watch/lgsp-incident-resolved", "rule", "component-down:elasticsearch", "subject", "elasticsearch",
                    "openedAt", AT, "resolvedAt", AT.plusSeconds(600), "resolution", "elasticsearch answers again"),
            sample("onboarding/cancellation-kept", "agency", "H01.01", "comment", "còn hồ sơ đang xử lý"),
            sample("onboarding/cancellation-done", "agency", "H01.01", "revokedGrants", 3, "disabledClients", 1,
                    "reason", "sáp nhập"),
            sample("onboarding/connection-need-reminder", "agency", "H01.01", "cancel", true, "late", true,
                    "noContact", false, "identifiedOn", LocalDate.of(2026, 11, 20), "description", "thôi dùng dịch vụ",
                    "dueOn", LocalDate.of(2026, 11, 27)),
            sample("onboarding/review-reminder", "registration", "5f0c", "agency", "H01.01", "service", "hokhau",
                    "due", Date.from(AT)),
            sample("onboarding/review-overdue", "registration", "5f0c", "agency", "H01.01", "service", "hokhau",
                    "validAt", AT),
            sample("onboarding/correction-requested", "registration", "5f0c", "due", AT, "comment", null),
            sample("onboarding/registration-withdrawn", "registration", "5f0c"),
            sample("onboarding/provider-permission-requested", "registration", "5f0c", "agency", "H01.01",
                    "service", "hokhau", "version", "v1"),
            sample("onboarding/connection-guide", "environment", "TEST", "registration", "5f0c", "requestType", "CONSUMER",
                    "agency", "H01.01", "service", "hokhau", "version", "v1", "provider", "H01", "system", "Một cửa",
                    "platformUrl", "https://lgsp.hanoi.gov.vn", "tokenEndpoint", "https://sso/token",
                    "clientId", "reg-5f0c-test"),
            sample("onboarding/activated", "registration", "5f0c", "agency", "H01.01", "service", "hokhau", "version", "v1",
                    "clientId", "reg-5f0c-prod"),
            sample("onboarding/rejected", "registration", "5f0c", "reason", "refused"),
            sample("reports/published", "period", "2026-11", "title", "tháng 11/2026"),
            sample("reports/withdrawn", "period", "2026-11", "title", "tháng 11/2026", "note", null),
            sample("lifecycle/closure-confirmation-late", "agency", "H01.02", "agencyName", "Phường Cũ",
                    "effective", "01/12/2026", "workingDays", 5),
            sample("lifecycle/closure-settled", "agency", "H01.02", "agencyName", "Phường Cũ", "effective", "01/12/2026",
                    "successor", "H01.03", "redirected", 2, "ended", 1, "retiring", 0),
            sample("lifecycle/offboarding-revoke-requested", "service", "hokhau", "consumer", "H01.01", "due", "14/12/2026"),
            sample("lifecycle/offboarding-overdue", "service", "hokhau", "consumer", "H01.01", "provider", "H01",
                    "workingDays", 5),
            sample("lifecycle/offboarding-done", "service", "hokhau", "consumer", "H01.01"),
            sample("lifecycle/upgrade-review-reminder", "code", "hokhau", "version", "v2", "due", "10/12/2026"),
            sample("lifecycle/upgrade-review-overdue", "code", "hokhau", "version", "v2", "workingDays", 5),
            sample("lifecycle/upgrade-in-test", "code", "hokhau", "version", "v2"),
            sample("lifecycle/upgrade-withdrawn", "code", "hokhau", "version", "v2", "comment", null),
            sample("lifecycle/upgrade-published-consumers", "code", "hokhau", "name", "Hộ khẩu", "version", "v2",
                    "previous", "v1", "sunset", "05/06/2027", "notes", null),
            sample("lifecycle/upgrade-published-provider", "code", "hokhau", "version", "v2", "previous", "v1",
                    "sunset", "05/06/2027", "consumers", 4),
            sample("lifecycle/upgrade-sunset-reminder", "code", "hokhau", "previous", "v1", "version", "v2",
                    "daysBefore", 30L, "recentDays", 14, "sunset", "05/06/2027"),
            sample("lifecycle/upgrade-stragglers", "code", "hokhau", "previous", "v1", "version", "v2"),
            sample("lifecycle/migration-provider", "consumer", "H01.01", "code", "hokhau", "name", "Hộ khẩu",
                    "version", "v2", "previous", "v1"),
            sample("lifecycle/migration-staff", "consumer", "H01.01", "code", "hokhau", "version", "v2", "grant", 42L,
                    "previousGrant", 7L, "previous", "v1"),
            sample("lifecycle/retirement-announced", "code", "hokhau", "name", "Hộ khẩu", "providerName", "Công an TP",
                    "retireOn", "05/02/2027", "reason", "thay bằng dịch vụ quốc gia"),
            sample("lifecycle/retirement-confirmation-requested", "code", "hokhau", "name", "Hộ khẩu",
                    "providerName", "Công an TP", "retireOn", "05/02/2027", "reason", null),
            sample("lifecycle/retirement-refused", "code", "hokhau", "name", "Hộ khẩu", "comment", "còn đơn vị sử dụng"),
            sample("lifecycle/retirement-published", "code", "hokhau", "name", "Hộ khẩu", "providerName", "Công an TP",
                    "retireOn", "05/02/2027", "reason", "thay bằng dịch vụ quốc gia"),
            sample("lifecycle/retirement-confirmation-overdue", "code", "hokhau", "providerName", "Công an TP",
                    "workingDays", 5),
            sample("lifecycle/retirement-reminder", "code", "hokhau", "name", "Hộ khẩu", "daysBefore", 7L,
                    "retireOn", "05/02/2027"),
            sample("lifecycle/retirement-done", "code", "hokhau", "name", "Hộ khẩu"),
            sample("lifecycle/retirement-done-staff", "code", "hokhau", "told", new LinkedHashSet<>(List.of("H01.01", "H01")))));

    private static Map.Entry<String, Map<String, Object>> sample(String message, Object... namesAndValues) {
        return Map.entry(message, Mailer.values(namesAndValues));
    }

    @Test
    void everyTemplateHasSampleValues() throws IOException, URISyntaxException {
        assertThat(templateNames()).isEqualTo(SAMPLES.keySet());
    }

    @Test
    void rendersEveryTemplateWithItsSampleValuesAndReadsOnlyThose() throws IOException, URISyntaxException {
        Path root = root();
        for (var sample : SAMPLES.entrySet()) {
            String message = sample.getKey();
            MailTemplates.Rendered rendered = templates.render(message, sample.getValue());
            assertThat(rendered.subject()).as(message).startsWith("[LGSP Hà Nội] ").doesNotContain("\n");
            assertThat(rendered.subject().length()).as(message).isGreaterThan("[LGSP Hà Nội] ".length());
            assertThat(rendered.body()).as(message).isNotBlank().doesNotContain("null").doesNotEndWith("\n\n");
            String source = Files.readString(root.resolve(message + MailTemplates.SUFFIX), StandardCharsets.UTF_8);
            Set<String> read = new TreeSet<>();
            Matcher expressions = EXPRESSION.matcher(source);
            while (expressions.find()) {
                Matcher names = NAME.matcher(expressions.group(1).replaceAll("'[^']*'", ""));
                while (names.find()) {
                    if (!LITERALS.contains(names.group(1))) {
                        read.add(names.group(1));
                    }
                }
            }
            assertThat(read).as(message + " reads exactly the values it is given").isEqualTo(
                    new TreeSet<>(sample.getValue().keySet()));
        }
    }

    @Test
    void keepsTheWordingOfTodaysMail() {
        assertThat(templates.render("reconciliation/counts-requested", SAMPLES.get("reconciliation/counts-requested")))
                .isEqualTo(new MailTemplates.Rendered("[LGSP Hà Nội] Đề nghị gửi số liệu đối soát tháng 2026-11",
                        "Hệ thống LGSP Hà Nội đã tổng hợp số lượt gọi dịch vụ qua nền tảng trong tháng 2026-11.\n"
                                + "Đề nghị đơn vị gửi số liệu của mình (POST /api/v1/reconciliation/2026-11) trước 09:30 ngày"
                                + " 07/12/2026.\nSố liệu của LGSP: GET /api/v1/reconciliation/2026-11."));
        assertThat(render("reconciliation/result", "period", "2026-11", "differences", 0, "settlement", null).body())
                .isEqualTo("Số liệu của LGSP, bên cung cấp và bên khai thác khớp nhau.");
        assertThat(templates.render("reconciliation/result", SAMPLES.get("reconciliation/result")).body())
                .isEqualTo("Đã đối soát 2 chênh lệch: bên cung cấp đếm lại.");
        assertThat(templates.render("procedure/case-notice", SAMPLES.get("procedure/case-notice")))
                .isEqualTo(new MailTemplates.Rendered("[LGSP Hà Nội] Hồ sơ đã có kết quả — hồ sơ HN-2026-000123",
                        "Đề nghị trả kết quả.\n\nSố hồ sơ: HN-2026-000123\nThủ tục: cap-phep-xay-dung\n(Môi trường thử nghiệm)"));
        assertThat(render("procedure/case-notice", "subject", "S", "message", "M", "caseNumber", "1", "procedure", "p",
                "test", false).body()).isEqualTo("M\n\nSố hồ sơ: 1\nThủ tục: p");
        assertThat(templates.render("connection/incident-opened", SAMPLES.get("connection/incident-opened")))
                .isEqualTo(new MailTemplates.Rendered("[LGSP Hà Nội] Sự cố kết nối H01.01 (HIGH)",
                        "Hệ thống của Phường Hoàn Kiếm (H01.01) gặp sự cố từ " + AT + ": connection refused.\n"
                                + "Đơn vị chủ quản khắc phục trong 24 giờ; cô lập sự cố, xác định nguyên nhân, sao lưu dữ liệu "
                                + "quan trọng trước khi xử lý."));
        assertThat(templates.render("onboarding/connection-need-reminder", SAMPLES.get("onboarding/connection-need-reminder")))
                .isEqualTo(new MailTemplates.Rendered("[LGSP Hà Nội] Quá hạn đề nghị hủy bỏ kết nối với LGSP của H01.01",
                        "Nhu cầu xác định ngày 2026-11-20: thôi dùng dịch vụ. Hạn đề nghị hủy bỏ kết nối với LGSP (Điều 16 "
                                + "khoản 5: 5 ngày làm việc) là ngày 2026-11-27; đã quá hạn."));
        assertThat(render("onboarding/connection-need-reminder", "agency", "X", "cancel", false, "late", false,
                "noContact", true, "identifiedOn", "d1", "description", "m", "dueOn", "d2"))
                .isEqualTo(new MailTemplates.Rendered("[LGSP Hà Nội] Đến hạn đăng ký nhu cầu kết nối với Sở Khoa học và "
                        + "Công nghệ của X", "Nhu cầu xác định ngày d1: m. Hạn đăng ký nhu cầu kết nối với Sở Khoa học và Công "
                        + "nghệ (Điều 16 khoản 3: 7 ngày làm việc) là ngày d2; là hôm nay. Cơ quan chưa có địa chỉ liên hệ trên "
                        + "LGSP; đề nghị Sở KH&CN liên hệ trực tiếp."));
        assertThat(templates.render("onboarding/review-reminder", SAMPLES.get("onboarding/review-reminder")).body())
                .contains("phải có kết quả thẩm định trước " + Date.from(AT) + ". Vui lòng");
        assertThat(templates.render("onboarding/correction-requested", SAMPLES.get("onboarding/correction-requested")).body())
                .isEqualTo("Sở Khoa học và Công nghệ đề nghị bổ sung hồ sơ đăng ký kết nối trước " + AT + ".\n"
                        + "Ý kiến: (không có)\nGửi lại hồ sơ: PUT /api/v1/registrations/5f0c");
        assertThat(templates.render("onboarding/connection-guide", SAMPLES.get("onboarding/connection-guide")).body())
                .startsWith("HƯỚNG DẪN KẾT NỐI LGSP HÀ NỘI — MÔI TRƯỜNG TEST\nĐăng ký: 5f0c (CONSUMER)\n")
                .contains("URL: https://lgsp.hanoi.gov.vn/api/v1/gateway/hokhau/v1/<đường dẫn của dịch vụ>")
                .contains("GET https://lgsp.hanoi.gov.vn/api/v1/registrations/5f0c/credentials?environment=TEST (xác thực")
                .endsWith("sau đó cấp tài khoản chính thức.\n");
        assertThat(render("reports/withdrawn", "period", "2026-11", "title", "t", "note", "sai số liệu").body())
                .isEqualTo("Lãnh đạo không phê duyệt báo cáo kỳ 2026-11: sai số liệu\nCó thể lập lại: POST /api/v1/reports/"
                        + "2026-11/start.");
        assertThat(templates.render("reports/withdrawn", SAMPLES.get("reports/withdrawn")).body())
                .startsWith("Lãnh đạo không phê duyệt báo cáo kỳ 2026-11.\n");
        assertThat(templates.render("lifecycle/closure-settled", SAMPLES.get("lifecycle/closure-settled")).body())
                .isEqualTo("Đơn vị H01.02 (Phường Cũ) chấm dứt hoạt động từ 01/12/2026. Quyền khai thác, hệ thống kết nối và "
                        + "tài khoản kết nối đã chuyển cho đơn vị H01.03. Hồ sơ đang trao đổi: 2 chuyển cho đơn vị kế thừa xử "
                        + "lý, 1 kết thúc (nơi gửi gửi lại cho đơn vị kế thừa). Dịch vụ dừng cung cấp sau 60 ngày: 0.");
        assertThat(templates.render("lifecycle/upgrade-published-consumers",
                SAMPLES.get("lifecycle/upgrade-published-consumers")).body())
                .isEqualTo("Dịch vụ Hộ khẩu (hokhau) có phiên bản mới v2. Phiên bản v1 mà đơn vị đang khai thác dừng từ ngày "
                        + "05/06/2027.\n\nĐể chuyển sang phiên bản mới, hệ thống của đơn vị gửi POST /api/v1/services/hokhau/"
                        + "versions/v2/migration (không cần hồ sơ đăng ký mới).");
        assertThat(templates.render("lifecycle/upgrade-withdrawn", SAMPLES.get("lifecycle/upgrade-withdrawn")).body())
                .isEqualTo("Phiên bản hokhau v2 không được công bố. Ý kiến của Sở KH&CN: không nêu.");
        assertThat(templates.render("lifecycle/retirement-done-staff", SAMPLES.get("lifecycle/retirement-done-staff")).body())
                .isEqualTo("Dịch vụ hokhau đã dừng; đã thông báo [H01.01, H01].");
    }

    @Test
    void refusesATemplateWithoutItsSubjectLine() {
        assertThatThrownBy(() -> templates.render("_subject", Map.of("subject", "x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Subject:");
    }

    private MailTemplates.Rendered render(String message, Object... namesAndValues) {
        return templates.render(message, Mailer.values(namesAndValues));
    }

    private static Set<String> templateNames() throws IOException, URISyntaxException {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return new TreeSet<>(files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(MailTemplates.SUFFIX) && !name.equals("_subject" + MailTemplates.SUFFIX))
                    .map(name -> name.substring(0, name.length() - MailTemplates.SUFFIX.length())).toList());
        }
    }

    private static Path root() throws URISyntaxException {
        return Path.of(MailTemplatesTest.class.getClassLoader().getResource(MailTemplates.LOCATION + "_subject.txt").toURI())
                .getParent();
    }
}
