package vn.hanoi.lgsp.calendar;

import java.util.List;

/** One year of the calendar file, checked. */
record CalendarYear(int year, String source, String comment, List<DayOff> daysOff, List<MakeUpDay> makeUpDays) {

    /** The file marks with this source a year the government has not announced yet. */
    static final String PROVISIONAL = "provisional";

    CalendarYear {
        daysOff = List.copyOf(daysOff);
        makeUpDays = List.copyOf(makeUpDays);
    }

    boolean provisional() {
        return PROVISIONAL.equalsIgnoreCase(source.strip());
    }
}
