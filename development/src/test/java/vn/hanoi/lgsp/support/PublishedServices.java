package vn.hanoi.lgsp.support;

import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.VersionStatus;

/** A service registered and taken through its test to publication, as DOST does before anyone may call it. */
public final class PublishedServices {

    private PublishedServices() {
    }

    /** Registers the service and publishes its version {@code v1}; returns its code. */
    public static String publish(ServiceCatalog catalog, ServiceCatalog.NewService service) {
        catalog.register(service, "test");
        catalog.moveVersion(service.code(), "v1", VersionStatus.TEST, "test");
        catalog.moveVersion(service.code(), "v1", VersionStatus.PUBLISHED, "test");
        return service.code();
    }
}
