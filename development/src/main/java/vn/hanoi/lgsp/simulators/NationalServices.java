package vn.hanoi.lgsp.simulators;

import java.util.List;
import java.util.Optional;

/**
 * The four national databases that NDXP serves, with the X-Road address of each service
 * member. The agency codes are illustrative: they follow the form of Decision 20/2020/QĐ-TTg
 * but are not taken from the official list. The platform's demo data and tests use these
 * constants so that they address the services exactly as the simulator expects.
 */
public final class NationalServices {

    /** The caller's own member address, {@code VN:GOV:<agency code>:<subsystem>}. */
    public static final String CLIENT_HEADER = "X-Road-Client";
    /** The address of the service member the call is meant for. */
    public static final String SERVICE_HEADER = "X-Road-Service";

    /**
     * One national information service behind the NDXP gateway.
     *
     * @param address  the X-Road member address that must be sent in {@link #SERVICE_HEADER}
     * @param context  the gateway context, for example {@code /csdl-dan-cu/1.0}
     * @param resource the operation below the context, with its parameter in braces
     * @param name     the database's Vietnamese name
     * @param owner    the body that manages the database
     */
    public record NationalService(String address, String context, String resource, String name, String owner) {

        /** The agency code part of the address. */
        public String agencyCode() {
            return address.split(":")[2];
        }

        /** The subsystem part of the address. */
        public String subsystem() {
            return address.split(":")[3];
        }
    }

    public static final NationalService POPULATION = new NationalService(
            "VN:GOV:000.00.00.G06:CSDLQGDC", "/csdl-dan-cu/1.0", "/cong-dan/{soDinhDanh}",
            "Cơ sở dữ liệu quốc gia về dân cư", "Bộ Công an");

    public static final NationalService BUSINESS_REGISTRATION = new NationalService(
            "VN:GOV:000.00.00.G12:CSDLQGDKDN", "/csdl-dkdn/1.0", "/doanh-nghiep/{maSoDoanhNghiep}",
            "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp", "Bộ Tài chính");

    public static final NationalService SOCIAL_INSURANCE = new NationalService(
            "VN:GOV:000.00.00.G20:CSDLQGBH", "/csdl-bhxh/1.0", "/nguoi-tham-gia/{maSoBhxh}",
            "Cơ sở dữ liệu quốc gia về bảo hiểm", "Bảo hiểm xã hội Việt Nam");

    /** A SOAP 1.1 service: one operation, {@code TraCuuVanBan}, posted to the resource. */
    public static final NationalService LEGAL_DOCUMENTS = new NationalService(
            "VN:GOV:000.00.00.G11:CSDLQGVBPL", "/csdl-vbpl/1.0", "/VanBanService",
            "Cơ sở dữ liệu quốc gia về văn bản pháp luật", "Bộ Tư pháp");

    /** The XML namespace of the legal documents service's messages. */
    public static final String LEGAL_DOCUMENTS_NAMESPACE = "urn:vn:gov:vbpl:1.0";

    public static final List<NationalService> ALL =
            List.of(POPULATION, BUSINESS_REGISTRATION, SOCIAL_INSURANCE, LEGAL_DOCUMENTS);

    private NationalServices() {
    }

    /** The service published under this gateway context, such as {@code /csdl-bhxh/1.0}. */
    public static Optional<NationalService> byContext(String context) {
        return ALL.stream().filter(service -> service.context().equals(context)).findFirst();
    }
}
