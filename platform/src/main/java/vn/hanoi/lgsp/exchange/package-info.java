/**
 * Record exchanges between agencies, locally and through NDXP, with their timeline and figures;
 * the {@code record-exchange} model's steps.
 */
@ApplicationModule(displayName = "Record exchange", allowedDependencies = {"agency", "audit", "cluster", "contract", "decision", "identity", "monitoring", "sealing", "workercontract", "xml"})
package vn.hanoi.lgsp.exchange;

import org.springframework.modulith.ApplicationModule;
