package vn.hanoi.lgsp.onboarding;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where an agency is reached by e-mail: the contacts it gave when it onboarded. */
@Component
public class AgencyContacts {

    private final JdbcTemplate jdbc;

    AgencyContacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> of(String agencyCode) {
        return jdbc.queryForList("""
                select distinct email from (
                  select form -> 'contact' ->> 'email' as email from lgsp.registration where agency_code = ?
                  union
                  select form -> 'service' -> 'support' ->> 'email' from lgsp.registration
                   where agency_code = ? and request_type = 'PROVIDER') e
                where email is not null order by 1""", String.class, agencyCode, agencyCode);
    }
}
