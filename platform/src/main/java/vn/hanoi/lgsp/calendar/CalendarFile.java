package vn.hanoi.lgsp.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * The checked content of a calendar file: consecutive years, in order.
 *
 * @param version what the file calls its edition, logged at start-up so operators can tell which one runs
 */
record CalendarFile(String origin, String version, List<CalendarYear> years) {

    CalendarFile {
        years = List.copyOf(years);
    }

    int firstYear() {
        return years.get(0).year();
    }

    int lastYear() {
        return years.get(years.size() - 1).year();
    }

    /**
     * Refuses a file that does not reach today: every deadline the platform sets from now on would fail,
     * so it is better to stop at start-up and tell DOST which year to add.
     */
    void requireCovers(LocalDate today) {
        if (today.getYear() < firstYear() || today.getYear() > lastYear()) {
            throw new InvalidCalendarFileException(origin, "it covers " + firstYear() + "–" + lastYear()
                    + " but today is " + today + "; add " + today.getYear() + " with that year's holidays");
        }
    }
}
