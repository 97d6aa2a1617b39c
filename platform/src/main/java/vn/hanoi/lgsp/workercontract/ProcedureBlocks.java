package vn.hanoi.lgsp.workercontract;

import java.util.List;
import java.util.Optional;

/**
 * The building blocks analysts compose procedures of, in Camunda Modeler: one entry per element
 * template in {@code modeler/}. The deployment policy, the blocks' own processes, the element
 * templates and the tests all read the names here, so a template cannot promise an input the
 * block does not read, nor a block throw an error the template does not declare.
 */
public final class ProcedureBlocks {

    /** What kind of BPMN element a block is. */
    public enum Element { CALL_ACTIVITY, USER_TASK, BUSINESS_RULE_TASK, TIMER_EVENT }

    /**
     * An input the analyst fills in. For call activities it becomes {@code <camunda:in target=name>};
     * {@code pattern} is what a literal value must look like (checked when the model is deployed).
     */
    public record Input(String name, String label, String description, String pattern, boolean required) {
    }

    /** A variable the block hands back ({@code <camunda:out source=name>}). */
    public record Output(String name, String label, String description) {
    }

    /** A BPMN error the block throws, to be caught by a boundary event on it. */
    public record Error(String code, String name, String description) {
    }

    /**
     * @param templateId     the element template's id
     * @param calledProcess  for call activities, the platform process that implements the block
     */
    public record Block(String templateId, String name, String description, Element element, String calledProcess,
                        List<Input> inputs, List<Output> outputs, List<Error> errors) {

        public Optional<Input> input(String name) {
            return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
        }
    }

    /** Extension properties ({@code <camunda:property>}) the platform reads from a procedure's model. */
    public static final class Properties {
        /** On the process: the electronic identifier code of the agency that owns the procedure. */
        public static final String OWNER = "lgsp.owner";
        /** On a user task: whose staff do it, an agency code or {@link #DOST}. */
        public static final String TASK_AGENCY = "lgsp.agency";
        public static final String DOST = "DOST";

        private Properties() {
        }
    }

    /** Variables the platform sets on every case; a model reads them, never sets them. */
    public static final class CaseVariables {
        public static final String CASE_ID = "caseId";
        public static final String CASE_NUMBER = "caseNumber";
        public static final String OWNER = "ownerAgency";
        /** TEST or PRODUCTION: fixed by the platform when the case starts. */
        public static final String ENVIRONMENT = "environment";

        private CaseVariables() {
        }
    }

    /** Agency electronic identifier code (Decision 20/2020/QĐ-TTg). */
    private static final String AGENCY_CODE = "^[0-9A-Z]{1,5}(\\.[0-9A-Z]{1,5}){0,5}$";
    private static final String WORKING_DAYS = "^[1-9][0-9]?$";
    private static final String DOCUMENT_NAMES = "^[a-z0-9-]{1,100}(,[a-z0-9-]{1,100}){0,19}$";

    public static final Block SEND_RECORD = new Block("vn.hanoi.lgsp.block.send-record",
            "Gửi hồ sơ đến cơ quan và chờ kết quả",
            "Gửi một phần hồ sơ của vụ việc đến cơ quan nhận (trong thành phố trực tiếp, ngoài thành phố qua NDXP, "
                    + "tuyến do bảng exchange-routing chọn) thay mặt cơ quan chủ trì, rồi chờ kết quả xử lý.",
            Element.CALL_ACTIVITY, "lgsp-block-send-record",
            List.of(new Input("destinationCode", "Mã định danh cơ quan nhận",
                            "Mã định danh điện tử của cơ quan nhận hồ sơ (Quyết định 20/2020/QĐ-TTg), phải có trong danh mục cơ quan.",
                            AGENCY_CODE, true),
                    new Input("procedureCode", "Mã thủ tục hành chính",
                            "Mã thủ tục theo Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.001193.000.00.00.H26.",
                            "^[0-9A-Z.]{5,60}$", true),
                    new Input("documents", "Giấy tờ gửi đi",
                            "Tên các giấy tờ của hồ sơ vụ việc được gửi, cách nhau bởi dấu phẩy (chữ thường, số, gạch ngang).",
                            DOCUMENT_NAMES, true),
                    new Input("deadlineWorkingDays", "Thời hạn trả kết quả (ngày làm việc)",
                            "Số ngày làm việc cơ quan nhận có để trả kết quả (1–99), không tính thứ Bảy, Chủ nhật và ngày lễ.",
                            WORKING_DAYS, true)),
            List.of(new Output("resultCode", "Mã kết quả", "00 khi cơ quan nhận đã xử lý xong."),
                    new Output("resultMessage", "Nội dung kết quả", "Thông báo kết quả của cơ quan nhận."),
                    new Output("resultReference", "Số tham chiếu", "Số hồ sơ hoặc số văn bản do cơ quan nhận cấp.")),
            List.of(new Error("RECORD_REFUSED", "Cơ quan nhận từ chối",
                            "Cơ quan nhận trả kết quả 01; lý do nằm trong thông báo lỗi."),
                    new Error("RECORD_EXPIRED", "Quá hạn", "Cơ quan nhận không trả kết quả trong thời hạn."),
                    new Error("RECORD_UNDELIVERABLE", "Không chuyển được",
                            "Hồ sơ không đến được cơ quan nhận (không có tuyến, hệ thống từ chối hoặc lỗi kéo dài).")));

    public static final Block LOOKUP = new Block("vn.hanoi.lgsp.block.lookup",
            "Tra cứu dịch vụ chia sẻ / CSDL quốc gia",
            "Gọi một dịch vụ trong danh mục của LGSP (trong thành phố hoặc CSDL quốc gia qua NDXP) thay mặt cơ quan chủ trì, "
                    + "theo quyền khai thác, môi trường, hạn mức và nhật ký như mọi lượt gọi qua cổng; các trường của kết quả "
                    + "được gán vào biến theo bảng ánh xạ.",
            Element.CALL_ACTIVITY, "lgsp-block-lookup",
            List.of(new Input("serviceCode", "Mã dịch vụ", "Mã dịch vụ trong danh mục, ví dụ csdl-dan-cu.",
                            "^[a-z0-9-]{1,60}$", true),
                    new Input("version", "Phiên bản", "Phiên bản dịch vụ, ví dụ v1.", "^v[0-9]{1,3}$", true),
                    new Input("path", "Đường dẫn",
                            "Phần sau phiên bản, ví dụ /cong-dan/{soDinhDanh}: {tenBien} được thay bằng giá trị biến của vụ việc.",
                            "^/[A-Za-z0-9/_.{}=&?-]{0,300}$", true),
                    new Input("purpose", "Mục đích tra cứu", "Mục đích khai thác dữ liệu (bắt buộc với dữ liệu cá nhân).",
                            "^.{1,200}$", true),
                    new Input("mapping", "Ánh xạ kết quả",
                            "Các cặp bien=truong.con cách nhau bởi dấu phẩy: trường của kết quả JSON được gán vào biến của vụ việc.",
                            "^[A-Za-z][A-Za-z0-9_]{0,59}=[A-Za-z0-9_.]{1,200}(,[A-Za-z][A-Za-z0-9_]{0,59}=[A-Za-z0-9_.]{1,200}){0,19}$",
                            true)),
            List.of(new Output("httpStatus", "Mã HTTP", "Mã HTTP của câu trả lời."),
                    new Output("answerCode", "Mã kết quả", "Trường code của câu trả lời (00 thành công).")),
            List.of(new Error("LOOKUP_REFUSED", "Tra cứu bị từ chối",
                            "Chưa được cấp quyền, yêu cầu không hợp lệ hoặc không tìm thấy; lý do nằm trong thông báo lỗi."),
                    new Error("LOOKUP_UNAVAILABLE", "Dịch vụ không trả lời",
                            "Hệ thống cung cấp hoặc NDXP không trả lời sau các lần thử lại.")));

    public static final Block POSTAL_RETURN = new Block("vn.hanoi.lgsp.block.postal-return",
            "Trả kết quả qua bưu chính",
            "Gửi kết quả của vụ việc đến người nộp qua VNPost (quy trình postal-return), theo địa chỉ người nộp khai khi nộp hồ sơ.",
            Element.CALL_ACTIVITY, "lgsp-block-postal-return",
            List.of(new Input("procedureCode", "Mã thủ tục hành chính", "Mã thủ tục của kết quả được gửi.",
                            "^[0-9A-Z.]{5,60}$", true),
                    new Input("itemName", "Tên giấy tờ gửi", "Tên kết quả in trên bưu gửi, ví dụ \"Giấy khai sinh\".",
                            "^.{1,200}$", true),
                    new Input("serviceLevel", "Dịch vụ", "STANDARD (5 ngày làm việc) hoặc EXPRESS (2 ngày làm việc).",
                            "^(STANDARD|EXPRESS)$", true)),
            List.of(new Output("shipmentId", "Mã bưu gửi", "Mã bưu gửi trên LGSP; trống khi người nộp không chọn nhận qua bưu chính.")),
            List.of(new Error("POSTAL_REFUSED", "Không gửi được qua bưu chính",
                    "Địa chỉ hoặc giấy tờ không hợp lệ; lý do nằm trong thông báo lỗi.")));

    public static final Block NOTIFY = new Block("vn.hanoi.lgsp.block.notify", "Thông báo",
            "Gửi thư điện tử đến cán bộ của một cơ quan (hoặc Sở KH&CN) về vụ việc; không gửi nội dung hồ sơ.",
            Element.CALL_ACTIVITY, "lgsp-block-notify",
            List.of(new Input("agencyCode", "Cơ quan nhận thông báo",
                            "Mã định danh của cơ quan có cán bộ nhận thư, hoặc DOST cho Sở KH&CN.",
                            "^(DOST|[0-9A-Z]{1,5}(\\.[0-9A-Z]{1,5}){0,5})$", true),
                    new Input("subject", "Tiêu đề", "Tiêu đề thư (tối đa 200 ký tự).", "^.{1,200}$", true),
                    new Input("message", "Nội dung", "Nội dung thư; số hồ sơ vụ việc được thêm tự động.", "^.{1,2000}$", true)),
            List.of(),
            List.of());

    public static final Block STAFF_TASK = new Block("vn.hanoi.lgsp.block.staff-task", "Công việc của cán bộ",
            "Một bước do cán bộ của một cơ quan (hoặc Sở KH&CN) làm trong Tasklist, với biểu mẫu Camunda Form "
                    + "triển khai cùng thủ tục và hạn tính theo ngày làm việc.",
            Element.USER_TASK, null,
            List.of(new Input(Properties.TASK_AGENCY, "Cơ quan thực hiện",
                            "Mã định danh của cơ quan có cán bộ làm bước này, hoặc DOST cho Sở KH&CN.",
                            "^(DOST|[0-9A-Z]{1,5}(\\.[0-9A-Z]{1,5}){0,5})$", true),
                    new Input("formRef", "Biểu mẫu", "Mã (id) của Camunda Form triển khai cùng thủ tục.",
                            "^[A-Za-z][A-Za-z0-9_-]{0,99}$", true),
                    new Input("dueWorkingDays", "Hạn xử lý (ngày làm việc)", "Số ngày làm việc kể từ khi bước bắt đầu.",
                            WORKING_DAYS, true)),
            List.of(),
            List.of());

    public static final Block DECISION = new Block("vn.hanoi.lgsp.block.decision", "Quyết định",
            "Chọn nhánh theo một bảng quyết định DMN (FEEL) triển khai cùng thủ tục.",
            Element.BUSINESS_RULE_TASK, null,
            List.of(new Input("decisionRef", "Bảng quyết định", "Mã (id) của bảng quyết định trong cùng lần triển khai.",
                            "^[A-Za-z][A-Za-z0-9_-]{0,99}$", true),
                    new Input("resultVariable", "Biến kết quả", "Tên biến nhận kết quả của bảng.",
                            "^[A-Za-z][A-Za-z0-9_]{0,59}$", true)),
            List.of(),
            List.of());

    public static final Block WORKING_DAY_TIMER = new Block("vn.hanoi.lgsp.block.working-day-timer",
            "Hạn theo ngày làm việc",
            "Bộ hẹn giờ đến hết giờ làm việc của ngày làm việc thứ N kể từ khi bắt đầu chờ (không tính thứ Bảy, "
                    + "Chủ nhật, ngày lễ và ngày nghỉ bù).",
            Element.TIMER_EVENT, null,
            List.of(new Input("workingDays", "Số ngày làm việc", "Từ 1 đến 99.", WORKING_DAYS, true)),
            List.of(),
            List.of());

    public static final List<Block> ALL = List.of(SEND_RECORD, LOOKUP, POSTAL_RETURN, NOTIFY, STAFF_TASK, DECISION,
            WORKING_DAY_TIMER);

    /** External-task topics a procedure may use; every block is implemented by the platform's own processes today. */
    public static final List<String> TOPICS = List.of();

    public static Optional<Block> byCalledProcess(String processKey) {
        return ALL.stream().filter(b -> processKey.equals(b.calledProcess())).findFirst();
    }

    private ProcedureBlocks() {
    }
}
