package vn.hanoi.lgsp.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hanoi.lgsp.simulators.NationalCaseAuthorities.CASE_CONTENT_TYPE;
import static vn.hanoi.lgsp.simulators.NationalCaseAuthorities.POLICE;
import static vn.hanoi.lgsp.simulators.NationalCaseAuthorities.SOCIAL_INSURANCE;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hanoi.lgsp.procedure.CaseRecords;
import vn.hanoi.lgsp.simulators.NationalCaseAuthorities.Answer;

class NationalCaseAuthoritiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final String NEWBORN_RESIDENCE = "1.004222.000.00.00.H26";
    private static final String RESIDENCE_REMOVAL = "1.003197";
    private static final String CHILD_HEALTH_CARD = "2.000639.000.00.00.H26";
    private static final String FUNERAL = "2.000821";
    private static final String WARD = "000.00.12.H26";

    @Test
    void readsTheMediaTypeTheSendRecordBlockPacks() {
        assertThat(CASE_CONTENT_TYPE).isEqualTo(CaseRecords.CONTENT_TYPE);
    }

    // ---- police: permanent residence of a newborn ----

    @Test
    void policeRegistersTheNewbornsPermanentResidence() throws Exception {
        Answer answer = answer(POLICE, NEWBORN_RESIDENCE, Map.of("hoTen", "Nguyễn Minh An", "ngaySinh", "2026-02-01",
                "gioiTinh", "Nam", "noiThuongTru", "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội"));

        assertThat(answer.code()).isEqualTo("00");
        assertThat(answer.message()).isEqualTo("Đã đăng ký thường trú cho trẻ");
        assertThat(answer.reference()).matches("CT-\\d{8}");
    }

    @Test
    void policeRefusesTheNewbornWithoutTheParentsAddress() throws Exception {
        Answer missing = answer(POLICE, NEWBORN_RESIDENCE, Map.of("hoTen", "Nguyễn Minh An", "ngaySinh", "2026-02-01"));
        Answer blank = answer(POLICE, NEWBORN_RESIDENCE, Map.of("hoTen", "Nguyễn Minh An", "noiThuongTru", "  "));

        for (Answer answer : List.of(missing, blank)) {
            assertThat(answer.code()).isEqualTo("01");
            assertThat(answer.message()).isEqualTo("Thiếu địa chỉ đăng ký thường trú của cha, mẹ");
            assertThat(answer.reference()).isNull();
        }
    }

    // ---- police: permanent residence removed after a death ----

    @Test
    void policeRemovesTheDeceasedsPermanentResidence() throws Exception {
        Answer answer = answer(POLICE, RESIDENCE_REMOVAL, Map.of("hoTen", "Trần Văn Bình", "soDinhDanh", "001045012345",
                "ngayMat", "2026-03-01"));

        assertThat(answer.code()).isEqualTo("00");
        assertThat(answer.reference()).matches("XTT-\\d{8}");
    }

    @Test
    void policeRefusesTheRemovalWithoutTwelveDigitPersonalId() throws Exception {
        Answer missing = answer(POLICE, RESIDENCE_REMOVAL, Map.of("hoTen", "Trần Văn Bình", "ngayMat", "2026-03-01"));
        Answer shortId = answer(POLICE, RESIDENCE_REMOVAL, Map.of("soDinhDanh", "00104501234"));
        // as a JSON number the leading zeros are gone
        Answer number = answer(POLICE, RESIDENCE_REMOVAL, Map.of("soDinhDanh", 1045012345L));

        for (Answer answer : List.of(missing, shortId, number)) {
            assertThat(answer.code()).isEqualTo("01");
            assertThat(answer.message()).isEqualTo("Thiếu số định danh cá nhân của người chết");
        }
    }

    @Test
    void policeProcessesAnyOtherProcedureAsBefore() throws Exception {
        Answer answer = answer(POLICE, "1.001193.000.00.00.H26", Map.of("hoTen", "Nguyễn Minh An"));

        assertThat(answer).isEqualTo(new Answer("00", "Cơ quan nhận đã xử lý hồ sơ", null));
    }

    // ---- social insurance: health-insurance card of a child under 6 ----

    @Test
    void socialInsuranceIssuesTheChildsHealthCard() throws Exception {
        Answer answer = answer(SOCIAL_INSURANCE, CHILD_HEALTH_CARD, Map.of("hoTen", "Nguyễn Minh An",
                "ngaySinh", "2026-02-01", "gioiTinh", "Nam"));
        Answer almostSix = answer(SOCIAL_INSURANCE, CHILD_HEALTH_CARD, Map.of("ngaySinh", "2020-03-16"));

        assertThat(answer.code()).isEqualTo("00");
        assertThat(answer.message()).isEqualTo("Đã cấp thẻ BHYT cho trẻ, có giá trị đến ngày trẻ đủ 72 tháng tuổi");
        assertThat(answer.reference()).matches("\\d{10}");
        assertThat(almostSix.code()).isEqualTo("00");
    }

    @Test
    void socialInsuranceRefusesTheCardUnlessTheChildIsUnderSix() throws Exception {
        Answer sixToday = answer(SOCIAL_INSURANCE, CHILD_HEALTH_CARD, Map.of("ngaySinh", "2020-03-15"));
        Answer older = answer(SOCIAL_INSURANCE, CHILD_HEALTH_CARD, Map.of("ngaySinh", "2015-07-20"));
        Answer missing = answer(SOCIAL_INSURANCE, CHILD_HEALTH_CARD, Map.of("hoTen", "Nguyễn Minh An"));
        Answer unparsable = answer(SOCIAL_INSURANCE, CHILD_HEALTH_CARD, Map.of("ngaySinh", "01/02/2026"));
        Answer unborn = answer(SOCIAL_INSURANCE, CHILD_HEALTH_CARD, Map.of("ngaySinh", "2026-04-01"));

        for (Answer answer : List.of(sixToday, older, missing, unparsable, unborn)) {
            assertThat(answer.code()).isEqualTo("01");
            assertThat(answer.message()).isEqualTo("Trẻ không thuộc đối tượng dưới 6 tuổi");
            assertThat(answer.reference()).isNull();
        }
    }

    // ---- social insurance: funeral allowance and survivors' benefits ----

    @Test
    void socialInsuranceSettlesTheFuneralAllowance() throws Exception {
        Answer answer = answer(SOCIAL_INSURANCE, FUNERAL, Map.of("hoTen", "Trần Văn Bình", "soDinhDanh", "001045012345",
                "maSoBHXH", "0123456789", "ngayMat", "2026-03-01"));

        assertThat(answer.code()).isEqualTo("00");
        assertThat(answer.reference()).matches("MTP-\\d{8}");
    }

    @Test
    void socialInsuranceRefusesTheFuneralAllowanceWithoutTenDigitCode() throws Exception {
        Answer missing = answer(SOCIAL_INSURANCE, FUNERAL, Map.of("hoTen", "Trần Văn Bình"));
        Answer wrong = answer(SOCIAL_INSURANCE, FUNERAL, Map.of("maSoBHXH", "012345678X"));

        for (Answer answer : List.of(missing, wrong)) {
            assertThat(answer.code()).isEqualTo("01");
            assertThat(answer.message()).isEqualTo("Không tìm thấy quá trình tham gia BHXH của người chết");
        }
    }

    // ---- every other record: as before ----

    @Test
    void anotherMemberProcessesTheSameRecordAsBefore() throws Exception {
        Answer answer = answer(WARD, NEWBORN_RESIDENCE, Map.of("hoTen", "Nguyễn Minh An"));
        Answer garbage = NationalCaseAuthorities.answer(WARD, FUNERAL, CASE_CONTENT_TYPE,
                "không phải JSON".getBytes(StandardCharsets.UTF_8), TODAY);

        assertThat(answer).isEqualTo(new Answer("00", "Cơ quan nhận đã xử lý hồ sơ", null));
        assertThat(garbage).isEqualTo(answer);
    }

    @Test
    void aRecordThatIsNoCasePackageIsProcessedAsBefore() {
        Answer pdf = NationalCaseAuthorities.answer(POLICE, NEWBORN_RESIDENCE, "application/pdf",
                "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), TODAY);
        Answer noType = NationalCaseAuthorities.answer(SOCIAL_INSURANCE, FUNERAL, null, new byte[0], TODAY);

        assertThat(pdf).isEqualTo(new Answer("00", "Cơ quan nhận đã xử lý hồ sơ", null));
        assertThat(noType).isEqualTo(pdf);
    }

    @Test
    void matchesTheProcedureNotAnotherCodeWithTheSameDigits() throws Exception {
        Answer longer = answer(POLICE, "1.0042225", Map.of("hoTen", "Nguyễn Minh An"));
        Answer bare = answer(POLICE, "1.004222", Map.of("hoTen", "Nguyễn Minh An"));

        assertThat(longer.code()).isEqualTo("00");
        assertThat(bare.code()).isEqualTo("01");
    }

    @Test
    void readsTheCasePackageWhateverTheMediaTypesParametersOrCase() throws Exception {
        byte[] record = pack(Map.of("hoTen", "Nguyễn Minh An"));

        Answer answer = NationalCaseAuthorities.answer(POLICE, NEWBORN_RESIDENCE,
                "Application/VND.lgsp.case+json; charset=utf-8", record, TODAY);

        assertThat(answer.code()).isEqualTo("01");
    }

    @Test
    void numbersTheSameRecordTheSameWay() throws Exception {
        byte[] record = pack(Map.of("soDinhDanh", "001045012345"));
        byte[] other = pack(Map.of("soDinhDanh", "001045099999"));

        String first = NationalCaseAuthorities.answer(POLICE, RESIDENCE_REMOVAL, CASE_CONTENT_TYPE, record, TODAY)
                .reference();
        String again = NationalCaseAuthorities.answer(POLICE, RESIDENCE_REMOVAL, CASE_CONTENT_TYPE, record, TODAY)
                .reference();
        String otherNumber = NationalCaseAuthorities.answer(POLICE, RESIDENCE_REMOVAL, CASE_CONTENT_TYPE, other, TODAY)
                .reference();

        assertThat(again).isEqualTo(first);
        assertThat(otherNumber).isNotEqualTo(first);
    }

    // ---- packages the bodies cannot read ----

    @Test
    void refusesAPackageThatIsNotJson() {
        for (byte[] content : List.of("không phải JSON".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(
                StandardCharsets.UTF_8), new byte[0])) {
            Answer answer = NationalCaseAuthorities.answer(POLICE, NEWBORN_RESIDENCE, CASE_CONTENT_TYPE, content, TODAY);

            assertThat(answer.code()).isEqualTo("01");
            assertThat(answer.message()).isEqualTo("Gói hồ sơ không phải JSON hợp lệ");
        }
        Answer nothing = NationalCaseAuthorities.answer(SOCIAL_INSURANCE, FUNERAL, CASE_CONTENT_TYPE, null, TODAY);
        assertThat(nothing.code()).isEqualTo("01");
    }

    @Test
    void refusesAPackageWithoutTheDeclaration() throws Exception {
        byte[] noDeclaration = record(List.of(document("giay-chung-sinh", "text/plain",
                "Giấy chứng sinh số 123/2026".getBytes(StandardCharsets.UTF_8))));
        byte[] noDocuments = Json.MAPPER.writeValueAsBytes(Map.of("caseNumber", "HS-1", "procedureCode", FUNERAL));

        Answer withoutDeclaration = NationalCaseAuthorities.answer(SOCIAL_INSURANCE, FUNERAL, CASE_CONTENT_TYPE,
                noDeclaration, TODAY);
        Answer withoutDocuments = NationalCaseAuthorities.answer(SOCIAL_INSURANCE, FUNERAL, CASE_CONTENT_TYPE,
                noDocuments, TODAY);

        assertThat(withoutDeclaration.code()).isEqualTo("01");
        assertThat(withoutDeclaration.message()).isEqualTo("Gói hồ sơ thiếu tờ khai (to-khai)");
        assertThat(withoutDocuments.code()).isEqualTo("01");
        assertThat(withoutDocuments.message()).contains("documents");
    }

    @Test
    void refusesADeclarationThatCannotBeRead() throws Exception {
        byte[] notJson = record(List.of(document("to-khai", "application/json",
                "hoTen=Nguyễn Minh An".getBytes(StandardCharsets.UTF_8))));
        Map<String, String> notBase64 = new LinkedHashMap<>(document("to-khai", "application/json", new byte[0]));
        notBase64.put("content", "không phải base64!");

        Answer unreadable = NationalCaseAuthorities.answer(POLICE, RESIDENCE_REMOVAL, CASE_CONTENT_TYPE, notJson, TODAY);
        Answer undecodable = NationalCaseAuthorities.answer(POLICE, RESIDENCE_REMOVAL, CASE_CONTENT_TYPE,
                record(List.of(notBase64)), TODAY);

        assertThat(unreadable.code()).isEqualTo("01");
        assertThat(unreadable.message()).isEqualTo("Tờ khai (to-khai) không phải JSON hợp lệ");
        assertThat(undecodable.code()).isEqualTo("01");
        assertThat(undecodable.message()).isEqualTo("Nội dung tờ khai (to-khai) không phải dữ liệu base64 hợp lệ");
    }

    // ---- helpers ----

    private static Answer answer(String member, String procedureCode, Map<String, ?> declaration)
            throws JsonProcessingException {
        return NationalCaseAuthorities.answer(member, procedureCode, CASE_CONTENT_TYPE, pack(declaration), TODAY);
    }

    /** A case's record as the send-record block packs it: the declaration and a birth certificate. */
    private static byte[] pack(Map<String, ?> declaration) throws JsonProcessingException {
        return record(List.of(document("to-khai", "application/json", Json.MAPPER.writeValueAsBytes(declaration)),
                document("giay-chung-sinh", "text/plain", "Giấy chứng sinh số 123/2026".getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] record(List<Map<String, String>> documents) throws JsonProcessingException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("caseNumber", "HS-2026-000123");
        record.put("procedure", "lien-thong-khai-sinh");
        record.put("procedureCode", NEWBORN_RESIDENCE);
        record.put("owner", "000.00.61.H26");
        record.put("documents", documents);
        return Json.MAPPER.writeValueAsBytes(record);
    }

    private static Map<String, String> document(String name, String contentType, byte[] content) {
        return Map.of("name", name, "contentType", contentType, "sha256", Fields.digest(content),
                "content", Base64.getEncoder().encodeToString(content));
    }
}
