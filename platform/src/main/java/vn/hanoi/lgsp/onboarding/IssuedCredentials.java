package vn.hanoi.lgsp.onboarding;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Keycloak clients onboarding issued, by what they were issued for: each registration has
 * its own test and production clients, made for one agency and one service, so a client
 * serves only the service of its registration.
 */
@Component
public class IssuedCredentials {

    private final JdbcTemplate jdbc;

    IssuedCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every client issued for the service, to its provider and to its consumers. */
    public List<String> clientsServing(String service) {
        return jdbc.queryForList("""
                select c from (select test_client_id c from lgsp.registration where service_code = ?
                               union select production_client_id from lgsp.registration where service_code = ?) x
                where c is not null order by 1""", String.class, service, service);
    }

    /** The clients issued to one agency for one service, or to a closed body it carries on. */
    public List<String> clientsOf(String agency, String service) {
        return jdbc.queryForList("""
                select c from (select test_client_id c from lgsp.registration
                                where coalesce(transferred_to, agency_code) = ? and service_code = ?
                               union select production_client_id from lgsp.registration
                                where coalesce(transferred_to, agency_code) = ? and service_code = ?) x
                where c is not null order by 1""", String.class, agency, service, agency, service);
    }

    /** A closed agency's registrations, and so its issued clients, are carried on by its successor. */
    public int transfer(String closed, String successor) {
        return jdbc.update("update lgsp.registration set transferred_to = ? where coalesce(transferred_to, agency_code) = ?",
                successor, closed);
    }
}
