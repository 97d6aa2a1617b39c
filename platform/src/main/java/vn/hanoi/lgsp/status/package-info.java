/**
 * The platform's own status page and its components' checks, with the reference clock.
 * (It reads the national platform settings the workers also read.)
 */
@ApplicationModule(displayName = "Platform status", allowedDependencies = {"contract", "http", "identity", "platform", "notification"})
package vn.hanoi.lgsp.status;

import org.springframework.modulith.ApplicationModule;
