/**
 * Calls per window, counted the same on every node: the agency API's limit per client
 * and the gateway's quotas per consumer and per service share one mechanism, {@link
 * vn.hanoi.lgsp.ratelimit.SharedLimits}.
 */
@ApplicationModule(displayName = "Rate limits", allowedDependencies = {})
package vn.hanoi.lgsp.ratelimit;

import org.springframework.modulith.ApplicationModule;
