package vn.hanoi.lgsp.identity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Whether the platform revoked a client's credentials, as pages other modules render show it. */
@Component
public class ClientRevocations {

    private final JdbcTemplate jdbc;

    ClientRevocations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean revoked(String clientId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from lgsp.revoked_client where client_id = ?)", Boolean.class, clientId));
    }
}
