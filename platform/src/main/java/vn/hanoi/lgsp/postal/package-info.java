/**
 * Results returned by post through VNPost: shipments, their statuses and the {@code
 * postal-return} model's steps.
 */
@ApplicationModule(displayName = "Postal service", allowedDependencies = {"agency", "audit", "calendar", "category", "contract", "identity", "monitoring", "sealing", "workercontract"})
package vn.hanoi.lgsp.postal;

import org.springframework.modulith.ApplicationModule;
