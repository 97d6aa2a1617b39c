/**
 * What every API of the platform shares: the one error envelope, its codes and the place that
 * maps exceptions to it.
 */
@ApplicationModule(displayName = "API contract", allowedDependencies = {})
package vn.hanoi.lgsp.contract;

import org.springframework.modulith.ApplicationModule;
