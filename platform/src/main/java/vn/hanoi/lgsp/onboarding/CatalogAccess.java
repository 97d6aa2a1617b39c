package vn.hanoi.lgsp.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyCode;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.ServiceVersion;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.catalog.TechnicalDocument;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * What onboarding does to the catalog: a provider's service enters it, goes to test, then is
 * published; a consumer receives its grants, first for test, then for production.
 */
@Component
class CatalogAccess {

    private static final String ACTOR = "onboarding";

    private final ServiceCatalog catalog;
    private final AccessGrants grants;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CatalogAccess(ServiceCatalog catalog, AccessGrants grants, JdbcTemplate jdbc, ObjectMapper json) {
        this.catalog = catalog;
        this.grants = grants;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The service a request is about. */
    record Target(String providerCode, String serviceCode, String serviceName, String version, String dataClassification) {
    }

    Target target(String applicant, RegistrationForm form) {
        if ("PROVIDER".equals(form.type())) {
            RegistrationForm.ProvidedService s = form.service();
            if (catalog.find(s.code()).isPresent()) {
                throw new ApiException(ErrorCode.DUPLICATE, "Service " + s.code() + " is already in the catalog; "
                        + "choose another code, or register a new version of it");
            }
            return new Target(applicant, s.code(), s.name(), s.version(), s.dataClassification());
        }
        RegistrationForm.Consumption c = form.consumption();
        SharedService service = catalog.require(c.serviceCode());
        ServiceVersion version = service.version(c.version()).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + c.serviceCode() + " has no version " + c.version()));
        if (version.status() != VersionStatus.PUBLISHED && version.status() != VersionStatus.TEST) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Version " + c.version() + " of " + c.serviceCode()
                    + " is " + version.status() + "; only a version in TEST or PUBLISHED can be requested");
        }
        if (service.provider().equals(applicant)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "An agency does not need to request its own service");
        }
        // a ministry or another province calls through NDXP, which reaches only the versions the city offers there
        if (!version.offeredToNdxp() && AgencyCode.parse(applicant).isOutsideHanoi()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, applicant + " is outside Hanoi and version "
                    + c.version() + " of " + c.serviceCode() + " is not offered to NDXP (Đ6.1.4.c); ask DOST to offer it first");
        }
        return new Target(service.provider(), service.code(), service.name(), c.version(), service.classification().name());
    }

    /** Test environment: the provider's service enters the catalog in TEST; the consumer gets its TEST grant. */
    void enterTest(Registrations.Registration r) {
        if ("PROVIDER".equals(r.requestType())) {
            RegistrationForm.ProvidedService s = r.form().service();
            if (catalog.find(s.code()).isEmpty()) {
                List<TechnicalDocument> documents = s.documents() == null ? List.of()
                        : s.documents().stream().map(d -> json.convertValue(d, TechnicalDocument.class)).toList();
                catalog.register(new ServiceCatalog.NewService(s.code(), s.name(), s.description(), r.agencyCode(),
                        DataClassification.valueOf(s.dataClassification()), s.version(), s.baseUrl(), s.openApi(),
                        s.postman(), documents, null), ACTOR);
            }
            moveTo(r, VersionStatus.TEST);
        } else if (!grants.active(r.agencyCode(), r.serviceCode(), r.serviceVersion(), AccessGrant.Environment.TEST)) {
            grants.grant(r.agencyCode(), r.serviceCode(), r.serviceVersion(), AccessGrant.Environment.TEST, ACTOR);
        }
    }

    /** Production: the provider's version is published; the consumer gets its PRODUCTION grant. */
    void goLive(Registrations.Registration r) {
        if ("PROVIDER".equals(r.requestType())) {
            moveTo(r, VersionStatus.PUBLISHED);
        } else if (!grants.active(r.agencyCode(), r.serviceCode(), r.serviceVersion(), AccessGrant.Environment.PRODUCTION)) {
            grants.grant(r.agencyCode(), r.serviceCode(), r.serviceVersion(), AccessGrant.Environment.PRODUCTION, ACTOR);
        }
    }

    /** A refused consumer keeps no grant. */
    void withdraw(Registrations.Registration r) {
        if ("CONSUMER".equals(r.requestType())) {
            for (AccessGrant.Environment environment : AccessGrant.Environment.values()) {
                grants.revoke(r.agencyCode(), r.serviceCode(), r.serviceVersion(), environment, ACTOR, "registration refused");
            }
        }
    }

    /** Where a provider is reached about its service: the support contact of its own onboarding. */
    List<String> providerContacts(String serviceCode) {
        return jdbc.queryForList("""
                select form -> 'service' -> 'support' ->> 'email' from lgsp.registration
                where request_type = 'PROVIDER' and service_code = ? and status = 'ACTIVE'""", String.class, serviceCode);
    }

    private void moveTo(Registrations.Registration r, VersionStatus target) {
        VersionStatus current = catalog.require(r.serviceCode()).version(r.serviceVersion()).map(ServiceVersion::status)
                .orElseThrow(() -> new IllegalStateException("version " + r.serviceVersion() + " of " + r.serviceCode() + " missing"));
        if (current.ordinal() < target.ordinal()) {
            catalog.moveVersion(r.serviceCode(), r.serviceVersion(), target, ACTOR);
        }
    }
}
