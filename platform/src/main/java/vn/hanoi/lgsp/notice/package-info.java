/**
 * The LGSP's public notices (App1 §3.4-3.5, Đ11.6): new service versions, deprecations with their
 * sunset, retirements and maintenance windows, as the portal and any system read them.
 */
@ApplicationModule(displayName = "Public notices", allowedDependencies = {"contract"})
package vn.hanoi.lgsp.notice;

import org.springframework.modulith.ApplicationModule;
