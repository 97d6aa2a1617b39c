package vn.hanoi.lgsp.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.GatewayCollections;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.documentation.OpenApiDocuments;
import vn.hanoi.lgsp.documentation.PlatformApi;
import vn.hanoi.lgsp.documentation.PublicAddresses;
import vn.hanoi.lgsp.notice.Notice;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.onboarding.AgencyContacts;
import vn.hanoi.lgsp.reports.PeriodicReports;
import vn.hanoi.lgsp.status.LgspStatus;

/**
 * The LGSP portal's public pages (Đ14, App1 §3.4–3.5): the service catalog, notices and their
 * Atom feed, published reports, the LGSP's status, the regulation's forms and the connection
 * guide. Nothing here needs a sign-in; drafts (services, versions, reports) are never shown.
 */
@Controller
class PublicPortal {

    /** What a visitor may see of a version: everything but a draft. */
    private static final List<VersionStatus> VISIBLE = List.of(VersionStatus.TEST, VersionStatus.PUBLISHED,
            VersionStatus.DEPRECATED, VersionStatus.RETIRED);

    private final ServiceCatalog catalog;
    private final GatewayCollections collections;
    private final NoticeBoard notices;
    private final PeriodicReports reports;
    private final LgspStatus status;
    private final PlatformApi platformApi;
    private final AgencyContacts contacts;
    private final PublicAddresses addresses;

    private final vn.hanoi.lgsp.watch.LgspIncidents lgspIncidents;

    PublicPortal(ServiceCatalog catalog, GatewayCollections collections, NoticeBoard notices, PeriodicReports reports,
                 LgspStatus status, PlatformApi platformApi, AgencyContacts contacts, PublicAddresses addresses,
                 vn.hanoi.lgsp.watch.LgspIncidents lgspIncidents) {
        this.addresses = addresses;
        this.lgspIncidents = lgspIncidents;
        this.catalog = catalog;
        this.collections = collections;
        this.notices = notices;
        this.reports = reports;
        this.status = status;
        this.platformApi = platformApi;
        this.contacts = contacts;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("services", visibleServices().size());
        model.addAttribute("notices", notices.list(new NoticeBoard.Query(null, null, null, null, null)).stream()
                .limit(5).toList());
        return "portal/home";
    }

    /** Search by text (with or without diacritics), provider and classification. */
    @GetMapping("/dich-vu")
    String catalog(@RequestParam(required = false) String q, @RequestParam(required = false) String provider,
                   @RequestParam(required = false) String classification, Model model) {
        List<SharedService> visible = visibleServices();
        DataClassification wanted = parse(classification);
        List<SharedService> found = visible.stream()
                .filter(s -> provider == null || provider.isBlank() || s.provider().equals(provider))
                .filter(s -> wanted == null || s.classification() == wanted)
                .filter(s -> SearchText.matches(q, s.code(), s.name(), s.description(), s.providerName()))
                .sorted(Comparator.comparing(SharedService::name))
                .toList();
        Map<String, String> providers = new TreeMap<>();
        visible.forEach(s -> providers.put(s.provider(), s.providerName()));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("provider", provider == null ? "" : provider);
        model.addAttribute("classification", wanted == null ? "" : wanted.name());
        model.addAttribute("providers", providers);
        model.addAttribute("classifications", DataClassification.values());
        model.addAttribute("services", found);
        return "portal/catalog";
    }

    @GetMapping("/dich-vu/{code}")
    String service(@PathVariable String code, Model model) {
        SharedService service = visible(code);
        model.addAttribute("service", service);
        model.addAttribute("versions", service.versions().stream().filter(v -> VISIBLE.contains(v.status())).toList());
        model.addAttribute("contacts", contacts.supportOf(code));
        model.addAttribute("notices", notices.list(new NoticeBoard.Query(null, code, null, null, null)));
        return "portal/service";
    }

    /** The version's OpenAPI document shown with Swagger UI. */
    @GetMapping("/dich-vu/{code}/{version}/openapi")
    String openApiPage(@PathVariable String code, @PathVariable String version, Model model) {
        SharedService service = visible(code);
        ServiceVersion shown = visibleVersion(service, version);
        if (!shown.hasOpenApi()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Phiên bản này chưa có tài liệu OpenAPI");
        }
        model.addAttribute("service", service);
        model.addAttribute("version", shown);
        model.addAttribute("documentUrl", "/dich-vu/" + code + "/" + version + "/openapi.json");
        model.addAttribute("postmanUrl", "/dich-vu/" + code + "/" + version + "/postman.json");
        return "portal/openapi";
    }

    @GetMapping("/dich-vu/{code}/{version}/openapi.json")
    ResponseEntity<String> openApiDocument(@PathVariable String code, @PathVariable String version,
                                           HttpServletRequest request) {
        visibleVersion(visible(code), version);
        ServiceCatalog.OpenApiDocument document = catalog.openApi(code, version).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "Phiên bản này chưa có tài liệu OpenAPI"));
        // consumers call the gateway; the provider's own addresses behind it are not published
        String gateway = addresses.baseUrl(request) + "/api/v1/gateway/" + code + "/" + version;
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(OpenApiDocuments.withServer(document.content(), gateway));
    }

    @GetMapping("/dich-vu/{code}/{version}/postman.json")
    ResponseEntity<String> postman(@PathVariable String code, @PathVariable String version,
                                   HttpServletRequest request) {
        visibleVersion(visible(code), version);
        // only the generated collection: one a provider uploaded may address its system or hold its secrets
        String collection = collections.generated(code, version, request).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "Phiên bản này chưa có bộ sưu tập Postman"));
        return download(collection, code + "-" + version + ".postman_collection.json");
    }

    @GetMapping("/thong-bao")
    String notices(@RequestParam(required = false) String kind, Model model) {
        vn.hanoi.lgsp.notice.NoticeKind wanted = null;
        if (kind != null && !kind.isBlank()) {
            try {
                wanted = vn.hanoi.lgsp.notice.NoticeKind.valueOf(kind.strip());
            } catch (IllegalArgumentException unknown) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Loại thông báo không hợp lệ: " + kind);
            }
        }
        model.addAttribute("kind", wanted == null ? "" : wanted.name());
        model.addAttribute("kinds", vn.hanoi.lgsp.notice.NoticeKind.values());
        model.addAttribute("notices", notices.list(new NoticeBoard.Query(wanted, null, null, null, null)));
        return "portal/notices";
    }

    @GetMapping(path = "/thong-bao/atom.xml")
    ResponseEntity<String> atom(HttpServletRequest request) {
        List<Notice> latest = notices.list(new NoticeBoard.Query(null, null, null, null, null));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .body(AtomFeed.of(addresses.baseUrl(request), latest));
    }

    @GetMapping("/bao-cao")
    String reports(Model model) {
        model.addAttribute("reports", reports.published(null, null, false, 100));
        return "portal/reports";
    }

    @GetMapping("/trang-thai")
    String status(Model model) {
        // at most one round of checks per period, whoever asks: the page is public
        List<LgspStatus.Component> components = status.recentComponents();
        model.addAttribute("components", components);
        model.addAttribute("allUp", components.stream().allMatch(c -> c.status() == LgspStatus.State.UP));
        model.addAttribute("checkedAt", Instant.now());
        model.addAttribute("startedAt", status.startedAt());
        model.addAttribute("uptime", Duration.between(status.startedAt(), Instant.now()));
        // the LGSP's own component failures being handled; security findings are not for the public
        model.addAttribute("componentIncidents", lgspIncidents.search(vn.hanoi.lgsp.watch.LgspIncidents.Category.HEALTH,
                "OPEN", null, null, 20));
        return "portal/status";
    }

    @GetMapping("/bieu-mau")
    String forms() {
        return "portal/forms";
    }

    /** App1 §3.1's connection guide, read from the platform's OpenAPI document at each request. */
    @GetMapping("/huong-dan-ket-noi")
    String guide(HttpServletRequest request, Model model) {
        PlatformApi.Guide guide = platformApi.guide(request);
        Map<String, List<PlatformApi.Call>> groups = new java.util.LinkedHashMap<>();
        guide.calls().forEach(c -> groups.computeIfAbsent(c.group(), g -> new java.util.ArrayList<>()).add(c));
        model.addAttribute("guide", guide);
        model.addAttribute("groups", groups);
        return "portal/guide";
    }

    @GetMapping("/api-nen-tang")
    String platformApiPage(Model model) {
        model.addAttribute("documentUrl", PlatformApi.DOCUMENT_PATH);
        model.addAttribute("postmanUrl", "/api-nen-tang/postman.json");
        return "portal/platform-api";
    }

    @GetMapping("/api-nen-tang/postman.json")
    ResponseEntity<String> platformPostman(HttpServletRequest request) {
        return download(platformApi.postmanCollection(request), "lgsp-hanoi-api.postman_collection.json");
    }

    private static ResponseEntity<String> download(String body, String filename) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(body);
    }

    /** Published to everyone: not drafts, not services whose data is classified confidential. */
    private List<SharedService> visibleServices() {
        return catalog.search(null, null, null).stream().filter(PublicPortal::public_).toList();
    }

    private static boolean public_(SharedService service) {
        return VISIBLE.contains(service.status()) && service.classification() != DataClassification.CONFIDENTIAL;
    }

    private SharedService visible(String code) {
        SharedService service;
        try {
            service = catalog.require(code);
        } catch (ApiException notFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Không có dịch vụ " + code);
        }
        if (!public_(service)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Không có dịch vụ " + code);
        }
        return service;
    }

    private static ServiceVersion visibleVersion(SharedService service, String version) {
        return service.version(version).filter(v -> VISIBLE.contains(v.status())).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "Dịch vụ không có phiên bản " + version));
    }

    private static DataClassification parse(String classification) {
        if (classification == null || classification.isBlank()) {
            return null;
        }
        try {
            return DataClassification.valueOf(classification.strip());
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Mức phân loại dữ liệu không hợp lệ: "
                    + classification);
        }
    }
}
