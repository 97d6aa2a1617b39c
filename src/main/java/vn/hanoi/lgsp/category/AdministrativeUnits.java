package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The administrative units list, versioned by validity dates. */
@Component
class AdministrativeUnits {

    record AdministrativeUnit(String code, String name, String type, String parentCode, LocalDate validFrom,
                              LocalDate validTo) {
    }

    private final JdbcTemplate jdbc;

    AdministrativeUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        LocalDate day = at != null ? at : includeClosed ? null : LocalDate.now();
        if (day != null) {
            sql.append(" and valid_from <= ? and (valid_to is null or valid_to > ?)");
            args.add(day);
            args.add(day);
        }
        sql.append(" order by code");
        return jdbc.query(sql.toString(), (rs, n) -> new AdministrativeUnit(rs.getString("code"), rs.getString("name"),
                rs.getString("unit_type"), rs.getString("parent_code"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class)), args.toArray());
    }
}
