package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hanoi.lgsp.simulators.NationalServices.NationalService;

/**
 * The national information services that NDXP publishes the way a WSO2 gateway does: one
 * context per service, the platform's bearer token on every call, and X-Road addressing of
 * caller and service member in headers. Answers use the services' own Vietnamese field names.
 */
final class NationalDatabases {

    private static final Logger log = LoggerFactory.getLogger(NationalDatabases.class);

    private static final Pattern BRANCH_CODE = Pattern.compile("(\\d{10})-(\\d{3})");
    private static final Pattern ENTERPRISE_CODE = Pattern.compile("\\d{10}");

    private final OpaqueTokens tokens;
    private final LegalDocumentsSoap legalDocuments = new LegalDocumentsSoap();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    NationalDatabases(OpaqueTokens tokens) {
        this.tokens = tokens;
    }

    void register(Routes routes) {
        routes.add("GET", path(NationalServices.POPULATION, "/cong-dan/([^/]+)"),
                gateway(NationalServices.POPULATION, this::citizen));
        routes.add("GET", path(NationalServices.BUSINESS_REGISTRATION, "/doanh-nghiep/([^/]+)"),
                gateway(NationalServices.BUSINESS_REGISTRATION, this::enterprise));
        routes.add("GET", path(NationalServices.SOCIAL_INSURANCE, "/nguoi-tham-gia/([^/]+)"),
                gateway(NationalServices.SOCIAL_INSURANCE, this::insured));
        routes.add("POST", path(NationalServices.LEGAL_DOCUMENTS, "/VanBanService"),
                gateway(NationalServices.LEGAL_DOCUMENTS, (request, path) -> legalDocuments.answer(request)));
    }

    /** Calls that reached the service of this context, refused ones included. */
    int calls(String context) {
        AtomicInteger count = calls.get(context);
        return count == null ? 0 : count.get();
    }

    private static String path(NationalService service, String resource) {
        return Pattern.quote(service.context()) + resource;
    }

    /**
     * What the gateway checks before the database sees the call; the postal services behind NDXP
     * pass the same checks. Its refusals are JSON envelopes even for the SOAP service, because
     * they come from the gateway, not the service.
     */
    Routes.Handler gateway(NationalService service, Routes.Handler handler) {
        return (request, path) -> {
            calls.computeIfAbsent(service.context(), k -> new AtomicInteger()).incrementAndGet();
            tokens.requireBearer(request);
            XRoadAddress client = XRoadAddress.parse(
                    request.header(NationalServices.CLIENT_HEADER).orElse(null), NationalServices.CLIENT_HEADER);
            String addressed = XRoadAddress.member(
                    request.header(NationalServices.SERVICE_HEADER).orElse(null), NationalServices.SERVICE_HEADER);
            if (!addressed.equals(service.address())) {
                log.info("NDXP refused a call from {} to {} on {}", client, addressed, service.context());
                return SimResponse.failure(404, "NOT_FOUND", "Thành viên dịch vụ " + addressed
                        + " không cung cấp ngữ cảnh " + service.context() + "; ngữ cảnh này do "
                        + service.address() + " (" + service.name() + ") phục vụ");
            }
            log.debug("NDXP forwards a call from {} to {}", client, service.address());
            return handler.handle(request, path);
        };
    }

    private SimResponse citizen(SimRequest request, Matcher path) {
        String citizenId = path.group(1);
        if (!NationalRegisters.CITIZEN_ID.matcher(citizenId).matches()) {
            throw Fields.invalid("Số định danh cá nhân phải gồm 12 chữ số");
        }
        return NationalRegisters.citizen(citizenId)
                .map(found -> SimResponse.ok(new CitizenAnswer(SimResponse.SUCCESS, "Thành công",
                        CitizenView.of(found))))
                .orElseGet(() -> notFound("Không tìm thấy công dân có số định danh " + citizenId
                        + " trong " + NationalServices.POPULATION.name()));
    }

    /** Branches are written with a dash, {@code 0101234567-001}, and kept as thirteen digits. */
    private SimResponse enterprise(SimRequest request, Matcher path) {
        String code = path.group(1);
        String key;
        Matcher branch = BRANCH_CODE.matcher(code);
        if (ENTERPRISE_CODE.matcher(code).matches()) {
            key = code;
        } else if (branch.matches()) {
            key = branch.group(1) + branch.group(2);
        } else {
            throw Fields.invalid("Mã số doanh nghiệp phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang"
                    + " và 3 chữ số đối với đơn vị phụ thuộc");
        }
        return NationalRegisters.enterprise(key)
                .map(found -> SimResponse.ok(new EnterpriseAnswer(SimResponse.SUCCESS, "Thành công",
                        EnterpriseView.of(code, found))))
                .orElseGet(() -> notFound("Không tìm thấy doanh nghiệp có mã số " + code
                        + " trong " + NationalServices.BUSINESS_REGISTRATION.name()));
    }

    private SimResponse insured(SimRequest request, Matcher path) {
        String number = path.group(1);
        if (!NationalRegisters.SOCIAL_INSURANCE_NUMBER.matcher(number).matches()) {
            throw Fields.invalid("Mã số bảo hiểm xã hội phải gồm 10 chữ số");
        }
        return NationalRegisters.insured(number)
                .map(found -> SimResponse.ok(new InsuredAnswer(SimResponse.SUCCESS, "Thành công",
                        InsuredView.of(found))))
                .orElseGet(() -> notFound("Không tìm thấy người tham gia có mã số bảo hiểm xã hội " + number
                        + " trong " + NationalServices.SOCIAL_INSURANCE.name()));
    }

    private static SimResponse notFound(String message) {
        return SimResponse.failure(404, "NOT_FOUND", message);
    }

    record CitizenAnswer(String code, String message, @JsonProperty("congDan") CitizenView citizen) {
    }

    record CitizenView(
            @JsonProperty("soDinhDanh") String citizenId,
            @JsonProperty("hoTen") String fullName,
            @JsonProperty("ngaySinh") String dateOfBirth,
            @JsonProperty("gioiTinh") String sex,
            @JsonProperty("noiThuongTru") Residence permanentResidence,
            @JsonProperty("noiOHienTai") Residence currentResidence,
            @JsonProperty("quanHeVoiChuHo") String householdRelation) {

        static CitizenView of(NationalRegisters.Citizen citizen) {
            return new CitizenView(citizen.citizenId(), citizen.fullName(), citizen.dateOfBirth(), citizen.sex(),
                    new Residence(citizen.permanentAddress(), citizen.permanentUnitCode()),
                    new Residence(citizen.currentAddress(), citizen.currentUnitCode()),
                    citizen.householdRelation());
        }
    }

    record Residence(@JsonProperty("diaChi") String address,
            @JsonProperty("maDonViHanhChinh") String administrativeUnitCode) {
    }

    record EnterpriseAnswer(String code, String message,
            @JsonProperty("doanhNghiep") EnterpriseView enterprise) {
    }

    record EnterpriseView(
            @JsonProperty("maSoDoanhNghiep") String code,
            @JsonProperty("tenDoanhNghiep") String name,
            @JsonProperty("diaChiTruSo") String registeredAddress,
            @JsonProperty("nguoiDaiDienPhapLuat") String legalRepresentative,
            @JsonProperty("ngayDangKy") String registeredOn,
            @JsonProperty("tinhTrang") String status) {

        /** The code as the caller wrote it, so a branch comes back in its dashed form. */
        static EnterpriseView of(String code, NationalRegisters.Enterprise enterprise) {
            return new EnterpriseView(code, enterprise.name(), enterprise.registeredAddress(),
                    enterprise.legalRepresentative(), enterprise.registeredOn(), enterprise.status());
        }
    }

    record InsuredAnswer(String code, String message,
            @JsonProperty("nguoiThamGia") InsuredView insured) {
    }

    record InsuredView(
            @JsonProperty("maSoBhxh") String socialInsuranceNumber,
            @JsonProperty("hoTen") String fullName,
            @JsonProperty("ngaySinh") String dateOfBirth,
            @JsonProperty("quaTrinhDong") List<PeriodView> contributions,
            @JsonProperty("theBhyt") CardView healthInsuranceCard) {

        static InsuredView of(NationalRegisters.InsuredPerson person) {
            NationalRegisters.HealthInsuranceCard card = person.healthInsuranceCard();
            return new InsuredView(person.socialInsuranceNumber(), person.fullName(), person.dateOfBirth(),
                    person.contributions().stream()
                            .map(period -> new PeriodView(period.fromMonth(), period.toMonth(), period.employer()))
                            .toList(),
                    new CardView(card.cardNumber(), card.validFrom(), card.validTo()));
        }
    }

    record PeriodView(@JsonProperty("tuThang") String fromMonth, @JsonProperty("denThang") String toMonth,
            @JsonProperty("donVi") String employer) {
    }

    record CardView(@JsonProperty("soThe") String cardNumber, @JsonProperty("hanTu") String validFrom,
            @JsonProperty("hanDen") String validTo) {
    }
}
