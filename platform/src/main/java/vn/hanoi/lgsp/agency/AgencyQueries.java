package vn.hanoi.lgsp.agency;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What other modules read of the registry and the connected systems — codes, names, counts —
 * so that none of them names the agency tables in SQL of its own.
 */
@Component
public class AgencyQueries {

    private final JdbcTemplate jdbc;

    AgencyQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every agency code of the registry, closed agencies included. */
    public Set<String> codes() {
        return new TreeSet<>(jdbc.queryForList("select code from lgsp.agency", String.class));
    }

    /** Those of these codes that the registry knows. */
    public Set<String> known(Collection<String> codes) {
        Set<String> known = new TreeSet<>();
        if (!codes.isEmpty()) {
            jdbc.query(con -> {
                PreparedStatement statement = con.prepareStatement("select code from lgsp.agency where code = any (?)");
                statement.setArray(1, con.createArrayOf("varchar", codes.toArray()));
                return statement;
            }, rs -> {
                known.add(rs.getString(1));
            });
        }
        return known;
    }

    public Optional<String> name(String code) {
        return jdbc.query("select name from lgsp.agency where code = ?", (rs, n) -> rs.getString(1), code)
                .stream().findFirst();
    }

    /** The names of those of these codes the registry knows. */
    public Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement(
                    "select code, name from lgsp.agency where code = any (?) order by code");
            statement.setArray(1, con.createArrayOf("varchar", codes.toArray()));
            return statement;
        }, rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        return names;
    }

    /** The agencies with a connected system. */
    public List<String> connectedAgencies() {
        return jdbc.queryForList("select agency_code from lgsp.agency_system order by agency_code", String.class);
    }

    /** How many connected systems there are, of one agency or ({@code agency} null) of all. */
    public long connectedSystems(String agency) {
        Long n = agency == null ? jdbc.queryForObject("select count(*) from lgsp.agency_system", Long.class)
                : jdbc.queryForObject("select count(*) from lgsp.agency_system where agency_code = ?", Long.class, agency);
        return n == null ? 0 : n;
    }
}
