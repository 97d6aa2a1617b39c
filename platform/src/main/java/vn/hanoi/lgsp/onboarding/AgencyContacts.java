package vn.hanoi.lgsp.onboarding;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.notification.AgencyAddressBook;

/** Where an agency is reached by e-mail: the contacts it gave when it onboarded. */
@Component
public class AgencyContacts implements AgencyAddressBook {

    private final JdbcTemplate jdbc;

    AgencyContacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The technical support address a provider gave for one service in its Form 01, while that registration stands. */
    public List<String> supportOf(String serviceCode) {
        return jdbc.queryForList("""
                select distinct form -> 'service' -> 'support' ->> 'email' from lgsp.registration
                where request_type = 'PROVIDER' and service_code = ? and status not in ('REJECTED', 'WITHDRAWN')
                  and form -> 'service' -> 'support' ->> 'email' is not null
                order by 1""", String.class, serviceCode);
    }

    @Override
    public List<String> addressesOf(String agencyCode) {
        return jdbc.queryForList("""
                select distinct email from (
                  select form -> 'contact' ->> 'email' as email from lgsp.registration where agency_code = ?
                  union
                  select form -> 'service' -> 'support' ->> 'email' from lgsp.registration
                   where agency_code = ? and request_type = 'PROVIDER') e
                where email is not null order by 1""", String.class, agencyCode, agencyCode);
    }
}
