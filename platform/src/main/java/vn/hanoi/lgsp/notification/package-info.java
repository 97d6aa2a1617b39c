/** E-mail to agencies and staff, shared by every process of the platform. */
@ApplicationModule(displayName = "Mail", allowedDependencies = {"identity"})
package vn.hanoi.lgsp.notification;

import org.springframework.modulith.ApplicationModule;
