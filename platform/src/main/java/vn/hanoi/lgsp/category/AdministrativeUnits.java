package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The administrative units list, versioned by validity dates. */
@Component
public class AdministrativeUnits {

    public record AdministrativeUnit(String code, String name, String type, String parentCode, LocalDate validFrom,
                              LocalDate validTo) {
    }

    private final JdbcTemplate jdbc;

    public AdministrativeUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The unit of this code in force on that day; a unit closed by the 2025 reorganisation is not. */
    public java.util.Optional<AdministrativeUnit> inForce(String code, LocalDate day) {
        return jdbc.query("select * from lgsp.administrative_unit where code = ? and valid_from <= ?"
                        + " and (valid_to is null or valid_to > ?)", (rs, n) -> new AdministrativeUnit(rs.getString("code"),
                        rs.getString("name"), rs.getString("unit_type"), rs.getString("parent_code"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)),
                code, day, day).stream().findFirst();
    }

    List<AdministrativeUnit> search(String text, String parent, LocalDate at, boolean includeClosed) {
        StringBuilder sql = new StringBuilder("select * from lgsp.administrative_unit where true");
        List<Object> args = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            sql.append(" and (code ilike ? or name ilike ?)");
            args.add("%" + text.trim() + "%");
            args.add("%" + text.trim() + "%");
        }
        if (parent != null) {
            sql.append(" and parent_code = ?");
            args.add(parent);
        }
        ValidOn.restrict(sql, args, at, includeClosed);
        sql.append(" order by code");
        return jdbc.query(sql.toString(), (rs, n) -> new AdministrativeUnit(rs.getString("code"), rs.getString("name"),
                rs.getString("unit_type"), rs.getString("parent_code"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class)), args.toArray());
    }
}
