/**
 * Citizens' view of who used their personal data (Law 91/2025/QH15, Decree 13/2023): the gateway
 * calls about them, the record exchanges naming them and the postal shipments for them, found by
 * the keyed hash of their identifier; and their reports of a misuse, answered by DOST.
 */
@ApplicationModule(displayName = "Personal data use", allowedDependencies = {"agency", "audit", "catalog", "contract", "exchange", "identity", "postal", "reports"})
package vn.hanoi.lgsp.privacy;

import org.springframework.modulith.ApplicationModule;
