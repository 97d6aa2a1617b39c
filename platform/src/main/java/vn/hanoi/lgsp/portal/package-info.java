/**
 * The LGSP portal: public pages, the agency area and the citizen area, server-rendered. It owns
 * no table and reads every other module through its public queries.
 */
@ApplicationModule(displayName = "Portal", allowedDependencies = {"agency", "catalog", "connection", "contract", "documentation", "exchange", "identity", "monitoring", "notice", "onboarding", "reports", "status", "watch"})
package vn.hanoi.lgsp.portal;

import org.springframework.modulith.ApplicationModule;
