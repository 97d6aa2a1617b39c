/**
 * The monthly reconciliation of gateway calls between providers and consumers (the {@code
 * monthly-reconciliation} model).
 */
@ApplicationModule(displayName = "Monthly reconciliation", allowedDependencies = {"agency", "calendar", "catalog", "contract", "identity", "monitoring", "notification", "onboarding"})
package vn.hanoi.lgsp.reconciliation;

import org.springframework.modulith.ApplicationModule;
