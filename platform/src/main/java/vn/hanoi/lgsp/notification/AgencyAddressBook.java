package vn.hanoi.lgsp.notification;

import java.util.List;

/**
 * Where an agency is reached by e-mail. The module that keeps the agencies' contacts implements
 * it, so that this module resolves {@link Recipients#agencies} without depending on that module.
 */
public interface AgencyAddressBook {

    List<String> addressesOf(String agencyCode);
}
