/**
 * Hanoi's working days, read from the yearly calendar files, for deadlines counted in working days.
 */
@ApplicationModule(displayName = "Working-day calendar", allowedDependencies = {})
package vn.hanoi.lgsp.calendar;

import org.springframework.modulith.ApplicationModule;
