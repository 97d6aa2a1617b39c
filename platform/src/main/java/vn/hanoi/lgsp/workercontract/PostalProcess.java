package vn.hanoi.lgsp.workercontract;

import java.time.Instant;
import java.util.List;

/**
 * Names shared by the BPMN model {@code postal-return}, the record-exchange path of
 * applications received by post, the postal workers, the element templates and the tests
 * (R-22, Decision 45/2016/QĐ-TTg). No variable carries a recipient's name, phone or address.
 */
public final class PostalProcess {

    public static final String PROCESS_KEY = "postal-return";

    /** How VNPost carries the result; each has its own delivery deadline in working days. */
    public enum ServiceLevel {
        /** Registered parcel: five working days from the order. */
        STANDARD(5),
        /** EMS: two working days from the order. */
        EXPRESS(2);

        private final int workingDays;

        ServiceLevel(int workingDays) {
            this.workingDays = workingDays;
        }

        public int workingDays() {
            return workingDays;
        }
    }

    /** A shipment's statuses as VNPost reports them. */
    public enum Status {
        ACCEPTED, PICKED_UP, IN_TRANSIT, DELIVERY_FAILED, DELIVERED, RETURNED;

        /** Delivered or back at the agency: nothing more will happen to it. */
        public boolean ended() {
            return this == DELIVERED || this == RETURNED;
        }
    }

    /** External-task topics. */
    public static final class Topics {
        /** The order to VNPost, through NDXP. */
        public static final String ORDER = "vnpost-order";
        /** Every new status to the agency's system and to the national tracking of dossiers. */
        public static final String NOTIFY_STATUS = "postal-notify-status";
        /** An application received by post reached its agency: VNPost and the national tracking are told. */
        public static final String REPORT_RECEIPT = "vnpost-report-receipt";

        private Topics() {
        }
    }

    public static final class Messages {
        /** VNPost reported a status (correlated by shipment id, the business key). */
        public static final String STATUS_REPORTED = "PostalStatusReported";

        private Messages() {
        }
    }

    public static final class Errors {
        /** VNPost refused the order for good (its answer names why). */
        public static final String ORDER_REFUSED = "ORDER_REFUSED";

        private Errors() {
        }
    }

    public static final class Variables {
        public static final String SHIPMENT_ID = "shipmentId";
        public static final String AGENCY = "agencyCode";
        public static final String DOSSIER = "dossierNumber";
        public static final String PROCEDURE = "procedureCode";
        public static final String SERVICE_LEVEL = "serviceLevel";
        /** When VNPost should have delivered, from the service level's working days. */
        public static final String DELIVERY_DUE = "deliveryDue";
        /** When tracking gives up on a VNPost that stays silent ({@link #TRACKING_LIMIT_DAYS} after the due date). */
        public static final String TRACKING_LIMIT = "trackingLimit";
        /** Staff handle the agency's tasks within this. */
        public static final String TASK_DUE = "taskDue";
        public static final String TRACKING_NUMBER = "trackingNumber";
        /** VNPost's fee for the order, in đồng (for fee reconciliation). */
        public static final String FEE = "feeDong";
        /** The shipment's latest status, read from the store after each notification. */
        public static final String SHIPMENT_STATUS = "shipmentStatus";
        /** The agency's own staff as candidates; DOST's operators when it has none. */
        public static final String AGENCY_STAFF = "agencyStaff";
        public static final String AGENCY_GROUPS = "agencyCandidateGroups";
        /** VNPost's reason when it refused the order (the BPMN error's message). */
        public static final String REFUSAL_REASON = "refusalReason";
        /** On the follow-up form: what the agency's staff did. */
        public static final String FOLLOW_UP_NOTE = "followUpNote";
        /** On record-exchange: {@link Channels#POSTAL} for an application VNPost brought. */
        public static final String CHANNEL = "channel";

        private Variables() {
        }
    }

    /** How a record entered the LGSP. */
    public static final class Channels {
        public static final String AGENCY = "AGENCY";
        public static final String POSTAL = "POSTAL";
        /** A record a ministry or another province sent to a Hanoi agency through NDXP ({@link NdxpRecords}). */
        public static final String NDXP = "NDXP";

        private Channels() {
        }
    }

    /** Days past the delivery deadline after which a shipment VNPost says nothing more of stops being tracked. */
    public static final int TRACKING_LIMIT_DAYS = 30;

    /** Working days the agency's staff have for a postal task. */
    public static final int TASK_WORKING_DAYS = 2;

    /**
     * VNPost's and the national tracking's services behind NDXP. The member codes follow the
     * X-Road form NDXP uses; they are illustrative, not taken from an official list.
     */
    public static final class Ndxp {
        /** The LGSP's own X-Road member address, as NDXP knows it. */
        public static final String LGSP_MEMBER = "VN:GOV:000.00.00.H26:LGSP";
        public static final String CLIENT_HEADER = "X-Road-Client";
        public static final String SERVICE_HEADER = "X-Road-Service";
        /** VNPost (Tổng công ty Bưu điện Việt Nam), a state-owned company: member class COM. */
        public static final String VNPOST_SERVICE = "VN:COM:0102595740:BCCI";
        public static final String VNPOST_CONTEXT = "/buu-chinh-cong-ich/1.0";
        /** The national tracking of dossiers, kept by the national public service portal. */
        public static final String TRACKING_SERVICE = "VN:GOV:000.00.00.G22:DVCQG";
        public static final String TRACKING_CONTEXT = "/dvcqg-ho-so/1.0";
        /** Where NDXP hands VNPost's statuses and applications to the LGSP. */
        public static final String STATUS_CALLBACK = "/api/v1/national/ndxp/postal/status";
        public static final String APPLICATIONS = "/api/v1/national/ndxp/postal/applications";

        private Ndxp() {
        }
    }

    /** States of a dossier reported to the national tracking; every one says it travels by post. */
    public static final class TrackingStates {
        /** An application by post reached the competent agency. */
        public static final String RECEIVED = "DA_TIEP_NHAN";
        /** The result was handed to VNPost. */
        public static final String RESULT_SENT = "DANG_TRA_KET_QUA";
        /** The applicant received the result. */
        public static final String RESULT_RETURNED = "DA_TRA_KET_QUA";
        /** The result came back to the agency undelivered. */
        public static final String RESULT_UNDELIVERED = "KHONG_PHAT_DUOC";

        private TrackingStates() {
        }
    }

    /** The platform's postal worker API ({@code /api/v1/internal/postal}), typed for both sides. */
    public static final class WorkerApi {
        public static final String PATH = "/api/v1/internal/postal";

        /** What VNPost needs to carry it: the recipient only while the shipment is under way. */
        public record Order(String code, String message, String shipmentId, String agencyCode, String dossierNumber,
                            String procedureCode, String serviceLevel, Recipient recipient, List<Item> items,
                            long codAmount) {
        }

        public record Recipient(String name, String phone, String address, String provinceCode, String wardCode) {
        }

        public record Item(String name, Integer weightGrams) {
        }

        /** Statuses the agency has not been told yet, oldest first, and where to tell it. */
        public record Pending(String code, String message, String shipmentId, String agencyCode, String dossierNumber,
                              String procedureCode, String trackingNumber, Endpoint agencySystem,
                              List<StatusEvent> statuses) {
        }

        public record Endpoint(String baseUrl, boolean pushEnabled, String audienceScope) {
        }

        public record StatusEvent(long sequence, String status, Instant at, String note) {
        }

        /** An application received by post, as the receipt report needs it. */
        public record Application(String code, String message, String exchangeId, String applicationNumber,
                                  String trackingNumber, String destination, String procedureCode,
                                  Instant receivedAt) {
        }

        /** The statuses up to this sequence were told (or could not be, after the attempts). */
        public record Notified(long upToSequence) {
        }

        private WorkerApi() {
        }
    }

    private PostalProcess() {
    }
}
