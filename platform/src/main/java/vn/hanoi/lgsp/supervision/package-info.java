/**
 * DOST's supervisors' dashboards over exchanges, transactions and multi-agency cases, read
 * through the owners' public queries.
 */
@ApplicationModule(displayName = "Supervision", allowedDependencies = {"agency", "catalog", "connection", "contract", "exchange", "identity", "monitoring", "procedure"})
package vn.hanoi.lgsp.supervision;

import org.springframework.modulith.ApplicationModule;
