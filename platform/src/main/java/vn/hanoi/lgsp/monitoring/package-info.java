/**
 * Transactions, gateway calls and status checks shipped through an outbox to Elasticsearch, and
 * the figures read back from there; the operations meters.
 */
@ApplicationModule(displayName = "Monitoring", allowedDependencies = {"cluster", "contract"})
package vn.hanoi.lgsp.monitoring;

import org.springframework.modulith.ApplicationModule;
