package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The national procedure ids (mã TTHC) the LGSP knows, versioned by validity dates. */
@Component
class ProcedureCodes {

    record ProcedureCode(String code, String name, LocalDate validFrom, LocalDate validTo) {
    }

    private final JdbcTemplate jdbc;

    ProcedureCodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ProcedureCode> search(String text, LocalDate at, boolean includeClosed) {
        StringBuilder sql = new StringBuilder("select * from lgsp.procedure_code where true");
        List<Object> args = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            sql.append(" and (code ilike ? or name ilike ?)");
            args.add("%" + text.trim() + "%");
            args.add("%" + text.trim() + "%");
        }
        ValidOn.restrict(sql, args, at, includeClosed);
        sql.append(" order by code");
        return jdbc.query(sql.toString(), (rs, n) -> new ProcedureCode(rs.getString("code"), rs.getString("name"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)), args.toArray());
    }
}
