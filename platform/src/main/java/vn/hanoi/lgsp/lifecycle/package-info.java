/**
 * The service lifecycle as processes between a provider, its consumers and DOST (R-11, R-15,
 * R-16, Đ16.5, App1 §3.4-3.5): a new version with 180 days' overlap, a retirement with 60 days'
 * notice, a consumer leaving a service. Each model has its contract class here: names,
 * variables and deadlines, used by the model, the code and the tests alike.
 */
@ApplicationModule(displayName = "Service lifecycle", allowedDependencies = {"agency", "calendar", "catalog", "contract", "exchange", "identity", "monitoring", "notice", "notification", "onboarding"})
package vn.hanoi.lgsp.lifecycle;

import org.springframework.modulith.ApplicationModule;
