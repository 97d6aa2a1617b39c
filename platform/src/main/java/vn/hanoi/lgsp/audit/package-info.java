/**
 * The tamper-evident journal of who did what, chained, signed and anchored.
 */
@ApplicationModule(displayName = "Audit journal", allowedDependencies = {"cluster", "contract", "monitoring"})
package vn.hanoi.lgsp.audit;

import org.springframework.modulith.ApplicationModule;
