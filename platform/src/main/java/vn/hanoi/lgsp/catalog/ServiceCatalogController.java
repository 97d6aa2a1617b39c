package vn.hanoi.lgsp.catalog;

import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/** The service catalog: searched and read by every connected system, changed by DOST operators. */
@RestController
@RequestMapping("/api/v1/services")
class ServiceCatalogController {

    private final ServiceCatalog catalog;
    private final GatewayCollections collections;

    ServiceCatalogController(ServiceCatalog catalog, GatewayCollections collections) {
        this.catalog = catalog;
        this.collections = collections;
    }

    /** A search hit: the service and where each of its versions stands. */
    record ServiceSummary(String code, String name, String provider, String providerName,
                          DataClassification classification, VersionStatus status, List<VersionState> versions) {

        static ServiceSummary of(SharedService s) {
            return new ServiceSummary(s.code(), s.name(), s.provider(), s.providerName(), s.classification(), s.status(),
                    s.versions().stream().map(v -> new VersionState(v.version(), v.status(), v.sunsetAt())).toList());
        }
    }

    record VersionState(String version, VersionStatus status, Instant sunsetAt) {
    }

    record ServicesResponse(String code, String message, List<ServiceSummary> services) {
    }

    record ServiceResponse(String code, String message, SharedService service) {
    }

    record RegisterRequest(String code, String name, String description, String provider, String classification,
                           String version, String baseUrl, String openApi, String postmanCollection,
                           List<TechnicalDocument> documents, String qualityNotes) {
    }

    record StatusRequest(String status) {
    }

    record BaseUrlRequest(String baseUrl) {
    }

    record NdxpOfferRequest(Boolean offered) {
    }

    @GetMapping
    ServicesResponse search(@RequestParam(required = false) String q, @RequestParam(required = false) String provider,
                            @RequestParam(required = false) String status) {
        VersionStatus wanted = status == null || status.isBlank() ? null
                : ServiceInput.parse(VersionStatus.class, "status", status);
        List<ServiceSummary> found = catalog.search(q, provider, wanted).stream().map(ServiceSummary::of).toList();
        return new ServicesResponse(ApiResponses.SUCCESS, found.size() + " services found", found);
    }

    @GetMapping("/{code}")
    ServiceResponse get(@PathVariable String code) {
        return new ServiceResponse(ApiResponses.SUCCESS, "Service found", catalog.require(code));
    }

    @GetMapping("/{code}/versions/{version}/openapi")
    ResponseEntity<String> openApi(@PathVariable String code, @PathVariable String version) {
        ServiceCatalog.OpenApiDocument document = catalog.openApi(code, version).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "Version " + version + " of " + code + " has no OpenAPI document"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(document.mediaType() + ";charset=UTF-8"))
                .body(document.content());
    }

    @GetMapping("/{code}/versions/{version}/postman")
    ResponseEntity<String> postman(@PathVariable String code, @PathVariable String version,
                                   jakarta.servlet.http.HttpServletRequest request) {
        String collection = collections.of(code, version, request).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "Version " + version + " of " + code + " has no Postman collection"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(collection);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('dost-operator')")
    ServiceResponse register(@RequestBody RegisterRequest request, Authentication caller) {
        // a missing classification is reported with the other missing fields by the catalog
        DataClassification classification = request.classification() == null || request.classification().isBlank()
                ? null : ServiceInput.parse(DataClassification.class, "classification", request.classification());
        SharedService service = catalog.register(new ServiceCatalog.NewService(request.code(), request.name(),
                request.description(), request.provider(), classification, request.version(), request.baseUrl(),
                request.openApi(), request.postmanCollection(), request.documents(), request.qualityNotes()),
                caller.getName());
        return new ServiceResponse(ApiResponses.SUCCESS, "Service " + service.code() + " registered as DRAFT", service);
    }

    @PostMapping("/{code}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('dost-operator')")
    ServiceResponse addVersion(@PathVariable String code, @RequestBody ServiceCatalog.NewVersion request,
                               Authentication caller) {
        SharedService service = catalog.addVersion(code, request, caller.getName());
        return new ServiceResponse(ApiResponses.SUCCESS, "Version " + request.version() + " of " + code
                + " added as DRAFT", service);
    }

    @PostMapping("/{code}/versions/{version}/status")
    @PreAuthorize("hasRole('dost-operator')")
    ServiceResponse move(@PathVariable String code, @PathVariable String version, @RequestBody StatusRequest request,
                         Authentication caller) {
        VersionStatus target = ServiceInput.parse(VersionStatus.class, "status", request.status());
        SharedService service = catalog.moveVersion(code, version, target, caller.getName());
        return new ServiceResponse(ApiResponses.SUCCESS, "Version " + version + " of " + code + " is now " + target,
                service);
    }

    /**
     * Moves a version to another address of the provider's system (a provider relocating, or a
     * simulated provider in development); the gateway follows within its cache time.
     */
    @PutMapping("/{code}/versions/{version}/base-url")
    @PreAuthorize("hasRole('dost-operator')")
    ServiceResponse relocate(@PathVariable String code, @PathVariable String version, @RequestBody BaseUrlRequest request,
                             Authentication caller) {
        SharedService service = catalog.changeBaseUrl(code, version, request.baseUrl(), caller.getName());
        return new ServiceResponse(ApiResponses.SUCCESS, "Version " + version + " of " + code + " now at "
                + service.version(version).map(ServiceVersion::baseUrl).orElse(""), service);
    }

    /**
     * Offers a version to ministries and other provinces through NDXP, or withdraws the offer
     * (Đ6.1.4.c): only an offered version is callable from outside Hanoi.
     */
    @PutMapping("/{code}/versions/{version}/ndxp-offer")
    @PreAuthorize("hasRole('dost-operator')")
    ServiceResponse offerToNdxp(@PathVariable String code, @PathVariable String version,
                                @RequestBody NdxpOfferRequest request, Authentication caller) {
        if (request == null || request.offered() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The request needs offered: true or false",
                    List.of(new vn.hanoi.lgsp.contract.ApiError.Detail("offered", "true or false")));
        }
        SharedService service = catalog.offerToNdxp(code, version, request.offered(), caller.getName());
        return new ServiceResponse(ApiResponses.SUCCESS, "Version " + version + " of " + code
                + (request.offered() ? " is offered to NDXP" : " is no longer offered to NDXP"), service);
    }
}
