package vn.hanoi.lgsp.postal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.category.UnitUses;

/** Postal shipments still on their way to administrative units a change set would end. */
@Component
class ShipmentsToUnits implements UnitUses {

    private final JdbcTemplate jdbc;

    ShipmentsToUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> uses(Set<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", codes.stream().map(c -> "?").toList());
        List<Object> args = new ArrayList<>(codes);
        args.addAll(codes);
        return jdbc.query("select agency_code, dossier_number, ward_code, province_code from lgsp.postal_shipment"
                + " where ended_at is null and (ward_code in (" + in + ") or province_code in (" + in + "))"
                + " order by created_at", (rs, n) -> "bưu gửi hồ sơ " + rs.getString("dossier_number") + " của "
                + rs.getString("agency_code") + " đến đơn vị " + rs.getString("ward_code"), args.toArray());
    }
}
