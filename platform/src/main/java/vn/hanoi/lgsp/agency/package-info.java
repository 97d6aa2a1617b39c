/**
 * The agencies the LGSP knows by electronic identifier code, their history, and their connected
 * information systems; owns the agency tables and answers others through {@link
 * vn.hanoi.lgsp.agency.AgencyQueries}.
 */
@ApplicationModule(displayName = "Agencies", allowedDependencies = {"audit", "contract", "monitoring", "platform"})
package vn.hanoi.lgsp.agency;

import org.springframework.modulith.ApplicationModule;
