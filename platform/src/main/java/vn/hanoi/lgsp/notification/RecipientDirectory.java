package vn.hanoi.lgsp.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.identity.KeycloakAdmin;

/** Turns {@link Recipients} into addresses: the one way the platform finds who to mail. */
@Component
class RecipientDirectory {

    private final IdentityService identities;
    private final AgencyAddressBook agencies;
    private final KeycloakAdmin keycloak;

    RecipientDirectory(IdentityService identities, AgencyAddressBook agencies, KeycloakAdmin keycloak) {
        this.identities = identities;
        this.agencies = agencies;
        this.keycloak = keycloak;
    }

    /** Every distinct address, in the order the recipients were named; staff without an address are left out. */
    List<String> addressesOf(Recipients who) {
        Set<String> addresses = new LinkedHashSet<>();
        who.agencies().forEach(agency -> addresses.addAll(agencies.addressesOf(agency)));
        List<String> users = new ArrayList<>(who.users());
        who.agencyStaff().forEach(agency -> users.addAll(keycloak.staffOf(agency)));
        addresses.addAll(emailsOfUsers(users));
        who.staffGroups().forEach(group -> addresses.addAll(emails(identities.createUserQuery().memberOfGroup(group).list())));
        addresses.addAll(who.addresses());
        return addresses.stream().filter(Objects::nonNull).map(String::trim).filter(a -> !a.isEmpty()).distinct().toList();
    }

    private List<String> emailsOfUsers(List<String> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        return emails(identities.createUserQuery().userIdIn(users.toArray(String[]::new)).list());
    }

    private static List<String> emails(List<User> users) {
        return users.stream().map(User::getEmail).filter(Objects::nonNull).toList();
    }
}
