package vn.hanoi.lgsp.calendar;

import java.time.LocalDate;

/** A day public servants do not work although it may be a weekday. */
record DayOff(LocalDate date, String name, Reason reason) {

    enum Reason {
        /** A holiday of Labour Code 2019 Art. 112 (it may fall on a weekend). */
        HOLIDAY("holiday"),
        /** The working day after a holiday that fell on a weekend (Art. 111(3)). */
        COMPENSATORY_DAY_OFF("compensatory-day-off"),
        /** A working day swapped with a make-up Saturday to join two breaks. */
        BRIDGING_DAY("bridging-day");

        final String label;

        Reason(String label) {
            this.label = label;
        }
    }
}
