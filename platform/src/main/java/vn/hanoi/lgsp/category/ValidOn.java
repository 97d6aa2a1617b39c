package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.util.List;

/**
 * The one rule every versioned list is read with: the versions valid on a day (today unless
 * asked otherwise), or every version ever when closed ones are asked for and no day is.
 */
final class ValidOn {

    private ValidOn() {
    }

    static void restrict(StringBuilder sql, List<Object> args, LocalDate at, boolean includeClosed) {
        LocalDate day = at != null ? at : includeClosed ? null : LocalDate.now();
        if (day != null) {
            sql.append(" and valid_from <= ? and (valid_to is null or valid_to > ?)");
            args.add(day);
            args.add(day);
        }
    }
}
