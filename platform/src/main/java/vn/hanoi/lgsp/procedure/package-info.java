/**
 * Administrative procedures as models built from the platform's blocks, their cases, and the
 * release of models and decision tables into production under DOST's approval.
 */
@ApplicationModule(displayName = "Administrative procedures", allowedDependencies = {"agency", "audit", "calendar", "contract", "decision", "exchange", "identity", "notification", "postal", "sealing", "workercontract", "xml"})
package vn.hanoi.lgsp.procedure;

import org.springframework.modulith.ApplicationModule;
