/**
 * The data-sharing gateway: admission of a consumer's call, the call to the provider's service,
 * and the answer relayed back, under the catalog's grants and policies. (It reads the national
 * platform settings the workers also read.)
 */
@ApplicationModule(displayName = "Data-sharing gateway", allowedDependencies = {"agency", "audit", "catalog", "contract", "documentation", "http", "identity", "monitoring", "ratelimit", "workercontract", "platform", "xml"})
package vn.hanoi.lgsp.gateway;

import org.springframework.modulith.ApplicationModule;
