package vn.hanoi.lgsp.calendar;

/**
 * A date falls in a year the working-day calendar has no data for. Working days cannot be guessed
 * for such a year: its holidays and the government's swaps are announced year by year.
 */
public class CalendarNotCoveredException extends RuntimeException {

    private final int year;

    CalendarNotCoveredException(int year, int firstYear, int lastYear) {
        super("The working-day calendar has no data for " + year + " (it covers " + firstYear + "–" + lastYear
                + "); add " + year + " to the calendar file (lgsp.calendar.file) with that year's holidays");
        this.year = year;
    }

    /** The year that is missing. */
    public int year() {
        return year;
    }
}
