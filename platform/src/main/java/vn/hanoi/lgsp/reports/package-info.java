/**
 * Periodic reports to DOST and the agencies, compiled from the owners' figures, rendered as PDF
 * and XLSX, approved and published through the {@code periodic-report} model.
 */
@ApplicationModule(displayName = "Periodic reports", allowedDependencies = {"agency", "calendar", "catalog", "connection", "contract", "exchange", "identity", "monitoring", "notification", "onboarding", "reconciliation"})
package vn.hanoi.lgsp.reports;

import org.springframework.modulith.ApplicationModule;
