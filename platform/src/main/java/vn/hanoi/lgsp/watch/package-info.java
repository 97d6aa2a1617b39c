/**
 * The LGSP watching itself (Đ7.7, Đ10.4, Đ12): security findings counted from what the platform
 * refuses, the journal verified every day, its own components checked like an agency's system;
 * each finding or failure is an incident for DOST, and the month's findings a security report.
 */
@ApplicationModule(displayName = "Security and health watch", allowedDependencies = {"agency", "audit", "cluster", "contract", "decision", "identity", "monitoring", "notice", "notification", "platform", "reports", "status"})
package vn.hanoi.lgsp.watch;

import org.springframework.modulith.ApplicationModule;
