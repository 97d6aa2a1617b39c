/**
 * The shared services, their versions and documents, and the access grants to them; owns the
 * catalog tables and answers others through {@link vn.hanoi.lgsp.catalog.CatalogQueries}.
 */
@ApplicationModule(displayName = "Service catalog", allowedDependencies = {"agency", "audit", "contract", "documentation", "monitoring"})
package vn.hanoi.lgsp.catalog;

import org.springframework.modulith.ApplicationModule;
