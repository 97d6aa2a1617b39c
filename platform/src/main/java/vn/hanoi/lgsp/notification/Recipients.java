package vn.hanoi.lgsp.notification;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who receives a message, said the way the processes think of people — a staff group, an agency,
 * an agency's staff accounts, named staff accounts — and turned into addresses only by the
 * {@link Mailer}, the one place that knows where each kind of recipient is found.
 *
 * @param staffGroups platform staff groups (dost-operators, dost-leaders, supervisors…)
 * @param agencies agencies, reached at the contacts they gave when they onboarded
 * @param agencyStaff agencies, reached at their staff accounts in Keycloak
 * @param users staff accounts by user name
 * @param addresses addresses a process already holds (an applicant's contact in its form)
 */
public record Recipients(Set<String> staffGroups, Set<String> agencies, Set<String> agencyStaff, Set<String> users,
                         Set<String> addresses) {

    public Recipients {
        staffGroups = copy(staffGroups);
        agencies = copy(agencies);
        agencyStaff = copy(agencyStaff);
        users = copy(users);
        addresses = copy(addresses);
    }

    public static Recipients nobody() {
        return new Recipients(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static Recipients staffGroup(String group) {
        return new Recipients(one(group), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static Recipients agency(String agencyCode) {
        return new Recipients(Set.of(), one(agencyCode), Set.of(), Set.of(), Set.of());
    }

    public static Recipients agencies(Collection<String> agencyCodes) {
        return new Recipients(Set.of(), set(agencyCodes), Set.of(), Set.of(), Set.of());
    }

    public static Recipients staffOf(String agencyCode) {
        return new Recipients(Set.of(), Set.of(), one(agencyCode), Set.of(), Set.of());
    }

    public static Recipients users(Collection<String> userNames) {
        return new Recipients(Set.of(), Set.of(), Set.of(), set(userNames), Set.of());
    }

    public static Recipients addresses(Collection<String> addresses) {
        return new Recipients(Set.of(), Set.of(), Set.of(), Set.of(), set(addresses));
    }

    public static Recipients address(String address) {
        return new Recipients(Set.of(), Set.of(), Set.of(), Set.of(), one(address));
    }

    /** These recipients and those. */
    public Recipients and(Recipients more) {
        return new Recipients(union(staffGroups, more.staffGroups), union(agencies, more.agencies),
                union(agencyStaff, more.agencyStaff), union(users, more.users), union(addresses, more.addresses));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> set(Collection<String> values) {
        return values == null ? Set.of() : values.stream().filter(Objects::nonNull).map(String::trim)
                .filter(v -> !v.isEmpty()).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    /** A name a process variable gave, which may be missing: then nobody. */
    private static Set<String> one(String value) {
        return value == null ? Set.of() : set(List.of(value));
    }

    private static Set<String> copy(Set<String> values) {
        return values == null ? Set.of() : java.util.Collections.unmodifiableSet(set(values));
    }
}
