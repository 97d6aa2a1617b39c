/**
 * What makes a start a production installation: the settings it refuses (missing servers and
 * secrets, published demo values, plain transport, development-only roles and data), checked
 * before any bean is built.
 */
@ApplicationModule(displayName = "Installation", allowedDependencies = {"agency", "audit", "gateway", "identity", "platform", "sealing", "workers"})
package vn.hanoi.lgsp.installation;

import org.springframework.modulith.ApplicationModule;
