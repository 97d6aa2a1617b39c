/**
 * An agency's registration to use a service, from application to production credentials, and
 * its connection needs; the {@code service-onboarding} and {@code connection-cancellation}
 * models' steps.
 */
@ApplicationModule(displayName = "Onboarding", allowedDependencies = {"agency", "calendar", "catalog", "cluster", "contract", "decision", "identity", "monitoring", "notification", "platform"})
package vn.hanoi.lgsp.onboarding;

import org.springframework.modulith.ApplicationModule;
