package vn.hanoi.lgsp.simulators;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-sharing API that a provider agency publishes through the LGSP gateway, which
 * forwards consumers' calls to it. In the demo the provider is the Department of Justice with
 * its birth record lookup; {@code /echo} shows a test exactly what the gateway forwarded.
 */
public final class ServiceProviderSimulator extends SimulatedServer {

    private static final Logger log = LoggerFactory.getLogger(ServiceProviderSimulator.class);

    /** Credentials are reported as present, never echoed: the echo answer may end up in logs. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization");
    private static final String STATUS_PATH = "/status";

    /** Fictional entries; the people are residents of the national population register too. */
    private static final Map<String, BirthRecord> BIRTH_RECORDS = List.of(
            new BirthRecord("001090000001", "Nguyễn Văn An", "1990-03-15", "Bệnh viện Phụ sản Hà Nội",
                    "Nguyễn Văn Bảo", "Đặng Thị Cúc", "1990-03-28", "UBND phường Hàng Bạc, quận Hoàn Kiếm"),
            new BirthRecord("001185000002", "Trần Thị Bình", "1985-07-02", "Bệnh viện Bạch Mai",
                    "Trần Văn Cường", "Lê Thị Dung", "1985-07-20", "UBND phường Kim Mã, quận Ba Đình"),
            new BirthRecord("001200000003", "Lê Minh Châu", "2000-11-20", "Bệnh viện Phụ sản Trung ương",
                    "Lê Minh Đức", "Phạm Thị Hồng", "2000-12-05", "UBND phường Yên Hòa, quận Cầu Giấy"),
            new BirthRecord("001195000005", "Hoàng Thị Thu Hà", "1995-05-30", "Bệnh viện Thanh Nhàn",
                    "Hoàng Văn Hải", "Ngô Thị Lan", "1995-06-12", "UBND phường Thanh Xuân Trung, quận Thanh Xuân"))
            .stream()
            .collect(Collectors.toUnmodifiableMap(BirthRecord::citizenId, Function.identity()));

    /**
     * @param port             0 picks a free port
     * @param bearerTokenValid decides whether the gateway's bearer token is acceptable; {@code null}
     *                         accepts every call, with or without a token
     * @param handlerThreads   requests served at once; 0 or less means the default of 16
     */
    public record Config(String agencyCode, int port, Predicate<String> bearerTokenValid, int handlerThreads) {

        public Config {
            Objects.requireNonNull(agencyCode, "agencyCode");
        }
    }

    private final Config config;
    private final Map<String, LongAdder> callsByPath = new ConcurrentHashMap<>();
    private volatile List<String> lastHeaderNames = List.of();

    public ServiceProviderSimulator(Config config) {
        super("provider-" + config.agencyCode(), config.port(),
                config.handlerThreads() > 0 ? config.handlerThreads() : DEFAULT_HANDLER_THREADS);
        this.config = config;
        routes().add("GET", "/khai-sinh", this::birthRecord);
        routes().add(Routes.ANY_METHOD, "/echo(?:/.*)?", this::echo);
        routes().add("GET", STATUS_PATH, (request, path) -> SimResponse.ok(
                new Status(SimResponse.SUCCESS, "Hệ thống đang hoạt động", "UP")));
    }

    public String agencyCode() {
        return config.agencyCode();
    }

    /** Requests whose path starts with the prefix, including those an injected fault turned away. */
    public int calls(String pathPrefix) {
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : callsByPath.entrySet()) {
            if (entry.getKey().startsWith(pathPrefix)) {
                total += entry.getValue().sum();
            }
        }
        return (int) total;
    }

    /**
     * The header names, lower-case and sorted, of the last request other than a status probe,
     * which a monitor may send at any moment. Values are not kept, so no token stays here.
     */
    public List<String> lastForwardedHeaderNames() {
        return lastHeaderNames;
    }

    @Override
    void arrived(SimRequest request) {
        callsByPath.computeIfAbsent(request.path(), k -> new LongAdder()).increment();
        if (!request.path().equals(STATUS_PATH)) {
            lastHeaderNames = request.headers().keySet().stream()
                    .map(name -> name.toLowerCase(Locale.ROOT))
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    /** A status probe must not use up a failure meant for a business call. */
    @Override
    boolean injectsFaults(SimRequest request) {
        return !request.path().equals(STATUS_PATH);
    }

    /** {@code hotich-tra-cuu} v1: the birth record of the civil status register. */
    private SimResponse birthRecord(SimRequest request, Matcher path) {
        requireBearer(request);
        String citizenId = Fields.required(request.query().get("soDinhDanh"), "soDinhDanh");
        if (!NationalRegisters.CITIZEN_ID.matcher(citizenId).matches()) {
            throw Fields.invalid("Số định danh cá nhân phải gồm 12 chữ số");
        }
        BirthRecord found = BIRTH_RECORDS.get(citizenId);
        if (found == null) {
            return SimResponse.failure(404, "NOT_FOUND",
                    "Không tìm thấy thông tin đăng ký khai sinh của số định danh " + citizenId);
        }
        return SimResponse.ok(new BirthRecordAnswer(SimResponse.SUCCESS, "Thành công", found));
    }

    private SimResponse echo(SimRequest request, Matcher path) {
        requireBearer(request);
        Map<String, String> headers = new TreeMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            String value = SECRET_HEADERS.contains(lower) ? "present" : values.isEmpty() ? "" : values.get(0);
            headers.putIfAbsent(lower, value);
        });
        return SimResponse.ok(new Echo(SimResponse.SUCCESS, "Đã nhận", request.method(), request.path(),
                request.rawQuery() == null ? "" : request.rawQuery(), headers, Fields.digest(request.body()),
                request.body().length));
    }

    private void requireBearer(SimRequest request) {
        requireBearer(request, config.bearerTokenValid(), false);
    }

    record BirthRecord(
            @JsonProperty("soDinhDanh") String citizenId,
            @JsonProperty("hoTen") String fullName,
            @JsonProperty("ngaySinh") String dateOfBirth,
            @JsonProperty("noiSinh") String placeOfBirth,
            @JsonProperty("cha") String father,
            @JsonProperty("me") String mother,
            @JsonProperty("ngayDangKy") String registeredOn,
            @JsonProperty("coQuanDangKy") String registeredBy) {
    }

    record BirthRecordAnswer(String code, String message, @JsonProperty("khaiSinh") BirthRecord birthRecord) {
    }

    record Echo(String code, String message, String method, String path, String query, Map<String, String> headers,
            String bodySha256, int bodyBytes) {
    }

    record Status(String code, String message, String status) {
    }
}
